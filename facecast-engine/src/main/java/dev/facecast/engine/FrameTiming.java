package dev.facecast.engine;

import java.util.concurrent.TimeUnit;

/**
 * When each video frame leaves, and the time it carries, so that a browser shows it with the
 * sound it was drawn for. Two of the receiver's fixed delays decide both, measured in Chromium
 * by its own playback (SyncEndToEndTest's meter, which times what the page shows and plays):
 *
 * <ul>
 *   <li>{@link #RECEIVER_AUDIO_LAG_NS}: from receiving to playing, audio takes longer than video
 *       takes from receiving to showing: NetEq's 20 ms minimum and the audio output path, against
 *       a 10 ms render delay and the compositor. With Chromium's A/V sync adding nothing, the skew
 *       read i/2 - 40 ms at 15 and 30 fps (a frame drawn at T is on screen for one interval i, its
 *       middle i/2 after it arrived): -7 and -25 ms. So a frame leaves {@code 40 - i/2} ms after
 *       it is drawn, when that is positive, and the middle of its time on screen meets its sound.</li>
 *   <li>{@link #RECEIVER_SYNC_MARGIN_NS}: Chromium's A/V sync (libwebrtc's
 *       stream_synchronization.cc) compares the streams' timestamps with their arrival, and its own
 *       model of each side's delay, and acts only on differences over 30 ms; when it acts it moves
 *       one stream by half its filtered difference and stops as soon as that is under 30 ms, at the
 *       edge of the band rather than its middle. Its model leaves out part of the audio path: it
 *       acted once a frame arrived more than about 45 ms after its timestamp (added audio delay,
 *       and the picture then read 60-90 ms early) and not below. Each frame is stamped
 *       {@code 15 ms} before it leaves, the middle of that band, so the receiver's sync finds
 *       nothing to correct and a 20 ms move of its jitter buffer stays inside the band.</li>
 * </ul>
 *
 * <p>The audio is stamped by when it is played out on our side (see {@link AudioSender}), and
 * both streams' sender reports come from one clock, so the two constants are the only offsets
 * between them. Below 12.5 fps half an interval is longer than the lag: the frame leaves at once
 * and the picture shows its sound up to {@code i/2 - 40} ms late.
 *
 * <p>Threading: the session's media thread.
 */
final class FrameTiming {

    static final long RECEIVER_AUDIO_LAG_NS = TimeUnit.MILLISECONDS.toNanos(40);
    static final long RECEIVER_SYNC_MARGIN_NS = TimeUnit.MILLISECONDS.toNanos(15);
    /** The longest interval that is a frame rate's (1 fps); a longer gap is a pause, not a rate. */
    private static final long MAX_INTERVAL_NS = TimeUnit.SECONDS.toNanos(1);

    private long lastFrameNs = Long.MIN_VALUE;
    private long sendNs;

    /** The next frame, drawn for media time {@code frameNs} (System.nanoTime's clock). */
    void next(long frameNs) {
        long intervalNs = lastFrameNs == Long.MIN_VALUE ? 0 : frameNs - lastFrameNs;
        long halfIntervalNs = intervalNs <= 0 || intervalNs > MAX_INTERVAL_NS ? 0 : intervalNs / 2;
        sendNs = frameNs + Math.max(0, RECEIVER_AUDIO_LAG_NS - halfIntervalNs);
        lastFrameNs = frameNs;
    }

    /** When the frame may leave. */
    long sendNs() {
        return sendNs;
    }

    /** The time its RTP timestamp stands for. */
    long stampNs() {
        return sendNs - RECEIVER_SYNC_MARGIN_NS;
    }
}
