package dev.facecast.media.video;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Recycles {@link I420Frame}s of one size, so steady-state rendering allocates nothing.
 *
 * <p>Thread-safe: a frame may be acquired on one thread and released on another. Counts
 * frames out in the world, so a test can check that every acquired frame came back.
 */
public final class FramePool {

    private final int width;
    private final int height;
    private final ArrayBlockingQueue<I420Frame> free;
    private final AtomicLong outstanding = new AtomicLong();
    private final AtomicLong allocated = new AtomicLong();

    /**
     * @param maxIdleFrames how many released frames are kept for reuse; beyond that they are
     *                      left to the garbage collector
     */
    public FramePool(int width, int height, int maxIdleFrames) {
        if (width <= 0 || height <= 0 || width % 2 != 0 || height % 2 != 0) {
            throw new IllegalArgumentException("frame size must be positive and even, not " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
        this.free = new ArrayBlockingQueue<>(maxIdleFrames);
    }

    /** A frame with one reference, contents unspecified. */
    public I420Frame acquire() {
        I420Frame frame = free.poll();
        if (frame == null) {
            frame = new I420Frame(width, height, this);
            allocated.incrementAndGet();
        }
        frame.claim();
        outstanding.incrementAndGet();
        return frame;
    }

    void recycle(I420Frame frame) {
        outstanding.decrementAndGet();
        free.offer(frame);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** Frames acquired and not yet released: zero when nothing leaked. */
    public long outstanding() {
        return outstanding.get();
    }

    /** Frames ever allocated by this pool. */
    public long allocated() {
        return allocated.get();
    }
}
