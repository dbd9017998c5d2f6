package dev.facecast.media.video;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A planar YUV 4:2:0 picture in one array: Y ({@code width x height}), then U and V
 * ({@code width/2 x height/2} each), strides equal to the plane widths.
 *
 * <p>Ownership: a frame from a {@link FramePool} starts with one reference. Whoever holds a
 * reference calls {@link #release()} exactly once, in a {@code finally}; the last release
 * returns the frame to its pool. {@link #retain()} adds a reference for another holder.
 */
public final class I420Frame {

    private final int width;
    private final int height;
    private final byte[] data;
    private final FramePool pool;
    private final AtomicInteger references = new AtomicInteger();
    private long timestampUs;

    I420Frame(int width, int height, FramePool pool) {
        this.width = width;
        this.height = height;
        this.data = new byte[sizeBytes(width, height)];
        this.pool = pool;
    }

    public static int sizeBytes(int width, int height) {
        return width * height * 3 / 2;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public byte[] data() {
        return data;
    }

    public int offsetU() {
        return width * height;
    }

    public int offsetV() {
        return width * height + (width / 2) * (height / 2);
    }

    /** Presentation time on the session's media clock, in microseconds. */
    public long timestampUs() {
        return timestampUs;
    }

    public void setTimestampUs(long timestampUs) {
        this.timestampUs = timestampUs;
    }

    public void retain() {
        if (references.getAndIncrement() <= 0) {
            references.getAndDecrement();
            throw new IllegalStateException("retain of a released frame");
        }
    }

    public void release() {
        int left = references.decrementAndGet();
        if (left == 0) {
            pool.recycle(this);
        } else if (left < 0) {
            references.incrementAndGet();
            throw new IllegalStateException("frame released more often than retained");
        }
    }

    int references() {
        return references.get();
    }

    void claim() {
        references.set(1);
    }
}
