package dev.facecast.avatar.anam;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Mono samples from one writer thread to one reader thread, without locks: the avatar's voice
 * as received (libwebrtc's audio thread) to the session's media thread. A full ring drops the
 * newest samples and counts them; the reader never waits.
 */
final class PcmRing {

    private final short[] samples;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong read = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    PcmRing(int capacity) {
        this.samples = new short[capacity];
    }

    /** Writer: appends {@code count} samples, as many as fit. */
    void write(short[] source, int count) {
        long w = written.get();
        int room = (int) (samples.length - (w - read.get()));
        int take = Math.min(count, room);
        for (int i = 0; i < take; i++) {
            samples[(int) ((w + i) % samples.length)] = source[i];
        }
        written.set(w + take); // publishes the samples above to the reader
        if (take < count) {
            dropped.addAndGet(count - take);
        }
    }

    /** Reader: samples ready now. */
    int available() {
        return (int) (written.get() - read.get());
    }

    /** Reader: moves up to {@code count} samples into {@code target}; returns how many. */
    int read(short[] target, int count) {
        long r = read.get();
        int take = (int) Math.min(count, written.get() - r);
        for (int i = 0; i < take; i++) {
            target[i] = samples[(int) ((r + i) % samples.length)];
        }
        read.set(r + take);
        return take;
    }

    /** Reader: forgets everything written so far. */
    void skipAll() {
        read.set(written.get());
    }

    long dropped() {
        return dropped.get();
    }
}
