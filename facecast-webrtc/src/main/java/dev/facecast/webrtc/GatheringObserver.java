package dev.facecast.webrtc;

import dev.onvoid.webrtc.PeerConnectionObserver;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCIceGatheringState;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The observer of our peers. A non-trickle peer's candidates travel in the description, so all
 * it needs is to know when gathering is complete; a trickling peer also takes each candidate as
 * it is gathered ({@link #onIceCandidate}, overridden). Subclasses add what they watch.
 */
abstract class GatheringObserver implements PeerConnectionObserver {

    private final CompletableFuture<Void> gatheringComplete = new CompletableFuture<>();

    /** Non-trickle: the local description carries every candidate once gathering completes. */
    @Override
    public void onIceCandidate(RTCIceCandidate candidate) {
    }

    @Override
    public final void onIceGatheringChange(RTCIceGatheringState state) {
        if (state == RTCIceGatheringState.COMPLETE) {
            gatheringComplete.complete(null);
        }
    }

    void awaitGathering(long timeoutMs) throws TimeoutException, InterruptedException {
        try {
            gatheringComplete.get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }
}
