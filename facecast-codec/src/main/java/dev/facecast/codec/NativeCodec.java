package dev.facecast.codec;

import java.lang.foreign.Arena;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What every native encoder and decoder shares: the arena that holds its native memory, a
 * close that frees everything once however often it is called, and a count of instances not
 * yet closed, so tests can fail on leaks.
 *
 * <p>Threading: an instance is used by one thread at a time (a media agent's); close it after
 * its last use, from any thread.
 */
public abstract sealed class NativeCodec implements AutoCloseable
        permits Vp8Encoder, Vp8Decoder, OpusEncoder, OpusDecoder {

    private static final AtomicLong LIVE = new AtomicLong();

    /** Shared, not confined: a codec may be made on a control thread and used on a media thread. */
    protected final Arena arena = Arena.ofShared();
    private final AtomicBoolean closed = new AtomicBoolean();

    NativeCodec() {
        LIVE.incrementAndGet();
    }

    /** Native codecs made and not yet closed, in this process: zero when nothing leaked. */
    public static long liveCount() {
        return LIVE.get();
    }

    public final boolean isClosed() {
        return closed.get();
    }

    /** Frees the codec's native state; the second and later calls do nothing. */
    @Override
    public final void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            destroyNative();
        } catch (Throwable e) {
            throw new IllegalStateException("could not free " + getClass().getSimpleName(), e);
        } finally {
            arena.close();
            LIVE.decrementAndGet();
        }
    }

    /** Frees what the library allocated; the arena is closed after. Called once. */
    abstract void destroyNative() throws Throwable;

    final void checkOpen() {
        if (closed.get()) {
            throw new IllegalStateException(getClass().getSimpleName() + " is closed");
        }
    }
}
