package dev.facecast.webrtc;

import dev.onvoid.webrtc.media.video.NativeI420Buffer;
import dev.onvoid.webrtc.media.video.VideoFrame;

import java.util.concurrent.atomic.AtomicLong;

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

    /** Native frames held now, process-wide. */
    public static long outstanding() {
        return OUTSTANDING.get();
    }
}
