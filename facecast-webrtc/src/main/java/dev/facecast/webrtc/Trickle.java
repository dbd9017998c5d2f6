package dev.facecast.webrtc;

import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCPeerConnection;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Trickle ICE for one peer connection (RFC 8838): candidates travel as signalling messages as
 * they are gathered, so a description goes out at once and no slow STUN or TURN server holds it
 * back. Local candidates wait until the description they belong to is on its way (the far side
 * cannot use one before it); remote ones wait until the remote description is set (libwebrtc
 * drops a candidate that comes before it). The end of candidates is not signalled: the far side
 * goes on with what it has, as browsers do when none is sent.
 *
 * <p>Threading: local candidates come on libwebrtc's signalling thread, the rest on control
 * threads. Each half has its own lock. Only the remote one is held across a native call
 * ({@code addIceCandidate} waits for the signalling thread), and the signalling thread never
 * takes it, so the two cannot wait on each other.
 */
final class Trickle {

    private final RTCPeerConnection peerConnection;
    private final Object localLock = new Object();
    private final List<IceCandidate> localHeld = new ArrayList<>(); // guarded by localLock
    private Consumer<IceCandidate> localSender; // guarded by localLock; null until the description is on its way
    private final Object remoteLock = new Object();
    private List<IceCandidate> remoteHeld = new ArrayList<>(); // guarded by remoteLock; null once the remote description is set
    private boolean stopped; // guarded by remoteLock

    Trickle(RTCPeerConnection peerConnection) {
        this.peerConnection = peerConnection;
    }

    /** From {@code onIceCandidate}, on the signalling thread: the sender must not block. */
    void onLocal(RTCIceCandidate gathered) {
        IceCandidate candidate = IceCandidate.of(gathered);
        synchronized (localLock) {
            if (localSender == null) {
                localHeld.add(candidate);
            } else {
                send(candidate);
            }
        }
    }

    /** The local description is on its way: the candidates gathered so far go now, each later one as it comes. */
    void sendLocalTo(Consumer<IceCandidate> sender) {
        synchronized (localLock) {
            if (localSender != null) {
                throw new IllegalStateException("local candidates already go to a sender");
            }
            localSender = sender;
            localHeld.forEach(this::send);
            localHeld.clear();
        }
    }

    void addRemote(IceCandidate candidate) {
        synchronized (remoteLock) {
            if (stopped) {
                return;
            } else if (remoteHeld != null) {
                remoteHeld.add(candidate);
            } else {
                add(candidate);
            }
        }
    }

    void remoteDescriptionSet() {
        synchronized (remoteLock) {
            if (!stopped && remoteHeld != null) {
                remoteHeld.forEach(this::add);
                remoteHeld = null;
            }
        }
    }

    /** Before the peer connection closes: a native call on a closed one can abort the process. */
    void stop() {
        synchronized (remoteLock) {
            stopped = true;
            remoteHeld = null;
        }
    }

    private void send(IceCandidate candidate) {
        localSender.accept(candidate);
    }

    private void add(IceCandidate candidate) {
        peerConnection.addIceCandidate(candidate.toRtc());
    }
}
