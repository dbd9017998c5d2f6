package dev.facecast.session;

import dev.facecast.media.clock.NanoClock;

/**
 * When a session last showed signs of life, on the media clock: when it was made, when its
 * peer connected or went quiet, when something last happened in it. What a reaper reads to
 * close sessions nobody uses. Thread-safe (each field is written by one kind of event).
 */
public final class SessionLiveness {

    private final NanoClock clock;
    private final long createdAtNs;
    private volatile long lastActivityNs;
    private volatile long peerConnectedAtNs;
    private volatile long peerLostAtNs;

    public SessionLiveness(NanoClock clock) {
        this.clock = clock;
        this.createdAtNs = clock.nanoTime();
        this.lastActivityNs = createdAtNs;
    }

    /** Something happened: a turn, a message, a connection. */
    public void touch() {
        lastActivityNs = clock.nanoTime();
    }

    /** The receiver's connection is up (again). */
    public void peerConnected() {
        long nowNs = clock.nanoTime();
        if (peerConnectedAtNs == 0) {
            peerConnectedAtNs = nowNs;
        }
        peerLostAtNs = 0;
        lastActivityNs = nowNs;
    }

    /** The receiver went quiet (its connection is disconnected); kept from the first time until it is back. */
    public void peerLost() {
        if (peerLostAtNs == 0) {
            peerLostAtNs = clock.nanoTime();
        }
    }

    public long createdAtNs() {
        return createdAtNs;
    }

    public long lastActivityNs() {
        return lastActivityNs;
    }

    /** 0 until the receiver first connected. */
    public long peerConnectedAtNs() {
        return peerConnectedAtNs;
    }

    /** 0 unless the receiver is quiet now. */
    public long peerLostAtNs() {
        return peerLostAtNs;
    }
}
