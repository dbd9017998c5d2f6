package dev.facecast.avatar.anam;

import dev.facecast.media.video.I420Frame;

/**
 * Pictures held back by as long as their sound is: the returned voice waits in a jitter buffer
 * before it is played, so a picture that arrived with it is shown that much later too, and the
 * mouth matches what is heard. Holds a few pictures with their arrival times; owns them until they
 * are shown (handed over) or passed over (released). Not thread-safe: the media thread's.
 */
final class FrameDelayLine {

    private final I420Frame[] frames;
    private final long[] arrivedNs;
    private int count;

    FrameDelayLine(int capacity) {
        this.frames = new I420Frame[capacity];
        this.arrivedNs = new long[capacity];
    }

    /** Takes ownership of {@code frame}; when full, the oldest is released unseen. */
    void add(I420Frame frame, long nowNs) {
        if (count == frames.length) {
            frames[0].release();
            shift(1);
        }
        frames[count] = frame;
        arrivedNs[count] = nowNs;
        count++;
    }

    /**
     * The newest picture that arrived at or before {@code cutoffNs}, now the caller's; the older
     * ones are released. Null when none is due yet.
     */
    I420Frame takeDue(long cutoffNs) {
        int due = -1;
        for (int i = 0; i < count && arrivedNs[i] - cutoffNs <= 0; i++) {
            due = i;
        }
        if (due < 0) {
            return null;
        }
        for (int i = 0; i < due; i++) {
            frames[i].release();
        }
        I420Frame shown = frames[due];
        shift(due + 1);
        return shown;
    }

    void releaseAll() {
        for (int i = 0; i < count; i++) {
            frames[i].release();
        }
        shift(count);
    }

    private void shift(int by) {
        System.arraycopy(frames, by, frames, 0, count - by);
        System.arraycopy(arrivedNs, by, arrivedNs, 0, count - by);
        for (int i = count - by; i < count; i++) {
            frames[i] = null;
        }
        count -= by;
    }
}
