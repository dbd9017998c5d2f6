package dev.facecast.webrtc;

import dev.onvoid.webrtc.media.video.I420Buffer;
import dev.onvoid.webrtc.media.video.NativeI420Buffer;
import dev.onvoid.webrtc.media.video.VideoFrame;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Every native video frame this process holds a reference to, from allocation (or receipt
 * from libwebrtc) until its release succeeded. A frame whose release was forgotten, or failed,
 * stays counted: leak checks compare {@link #outstanding()} before and after a session.
 * Thread-safe.
 */
public final class NativeFrames {

    private static final AtomicLong OUTSTANDING = new AtomicLong();

    private NativeFrames() {
    }

    /** A new frame with its own I420 buffer; the caller must {@link #release} it. */
    static VideoFrame allocate(int width, int height, long timestampNs) {
        VideoFrame frame = new VideoFrame(NativeI420Buffer.allocate(width, height), timestampNs);
        OUTSTANDING.incrementAndGet();
        return frame;
    }

    /** A frame libwebrtc handed us; the caller must {@link #release} it. */
    static VideoFrame received(VideoFrame frame) {
        OUTSTANDING.incrementAndGet();
        return frame;
    }

    /** Drops our reference; counted down only once libwebrtc took it back. */
    static void release(VideoFrame frame) {
        frame.release();
        OUTSTANDING.decrementAndGet();
    }

    /**
     * Lends {@code frame}'s pixels as I420 to {@code reader}, for the call only. An I420 buffer
     * is its own toI420() (webrtc-java returns {@code this}): only a converted one is ours to release.
     */
    static void readI420(VideoFrame frame, Consumer<I420Buffer> reader) {
        I420Buffer buffer = frame.buffer instanceof I420Buffer i420 ? i420 : frame.buffer.toI420();
        try {
            reader.accept(buffer);
        } finally {
            if (buffer != frame.buffer) {
                buffer.release();
            }
        }
    }

    /** Native frames held now, process-wide. */
    public static long outstanding() {
        return OUTSTANDING.get();
    }
}
