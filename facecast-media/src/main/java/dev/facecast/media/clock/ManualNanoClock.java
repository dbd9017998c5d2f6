package dev.facecast.media.clock;

/** A clock that moves only when told to: for deterministic tests and simulations. Thread-safe. */
public final class ManualNanoClock implements NanoClock {

    private volatile long nowNs;

    public ManualNanoClock(long startNs) {
        this.nowNs = startNs;
    }

    @Override
    public long nanoTime() {
        return nowNs;
    }

    public synchronized void advanceNs(long deltaNs) {
        nowNs += deltaNs;
    }

    public void advanceMs(long deltaMs) {
        advanceNs(deltaMs * 1_000_000L);
    }
}
