package dev.facecast.engine;

import dev.facecast.codec.EncodedFrame;
import dev.facecast.codec.Vp8Encoder;
import dev.facecast.codec.Vp8Settings;
import dev.facecast.engine.rtp.MediaClock;
import dev.facecast.engine.rtp.OutboundStream;
import dev.facecast.engine.rtp.Vp8Payloader;
import dev.facecast.media.video.ChangedBlocks;
import dev.facecast.media.video.FramePool;
import dev.facecast.media.video.I420Frame;

import java.util.concurrent.TimeUnit;

/**
 * A session's video on the server engine: codes each frame with VP8 (libvpx through
 * facecast-codec) on the media thread that pushed it, only the blocks that changed, and
 * queues its packets.
 *
 * <p>A frame that changed nothing still goes out, coded with an empty active map: libvpx
 * then searches and codes no block, and the frame is a few dozen bytes. Not sending it at all
 * was tried: Chromium counts a freeze whenever a frame comes later than max(3 x the mean
 * interval, mean + 150 ms), which at 15 fps is about 200 ms, and a talking head holds a mouth
 * shape for longer than that; with a 200 ms refresh a receiver decoded 8.9 fps of 15 while
 * the avatar talked and counted a freeze. The session's idle frame rate is what lowers the
 * rate of a still picture.
 *
 * <p>Threading: {@link #push} and {@link #close} on the session's media thread; the request
 * methods on network threads (they set flags the next push reads).
 */
final class VideoSender implements AutoCloseable {

    /** PLIs and FIRs come in bursts after a loss; one keyframe answers a burst. */
    private static final long KEYFRAME_SPACING_NS = TimeUnit.MILLISECONDS.toNanos(300);
    /** The rate libvpx is first configured for; real frame times drive its rate control after. */
    private static final int NOMINAL_FPS = 15;

    private final OutboundStream stream;
    private final Vp8Payloader payloader;
    private final MediaClock clock;
    private final int rtpOffset = MediaClock.randomRtpOffset();
    private final int maxBitrateBps;
    private Vp8Encoder encoder;
    private EncodedFrame coded;
    private ChangedBlocks changed;
    private FramePool previousPool;
    private I420Frame previous;
    private long lastKeyframeNs = Long.MIN_VALUE;
    private volatile boolean keyframeRequested = true;
    private volatile int requestedBitrateBps;
    private final FrameTiming timing = new FrameTiming();
    private long framesCoded;
    private long framesUnchanged;
    private long encodeNs;

    VideoSender(OutboundStream stream, MediaClock clock, int maxBitrateBps) {
        this.stream = stream;
        this.payloader = new Vp8Payloader(stream);
        this.clock = clock;
        this.maxBitrateBps = maxBitrateBps;
        this.requestedBitrateBps = maxBitrateBps;
    }

    int rtpOffset() {
        return rtpOffset;
    }

    OutboundStream stream() {
        return stream;
    }

    /** A receiver lost a frame (PLI) or just joined (FIR): the next frame is a keyframe. */
    void requestKeyframe() {
        keyframeRequested = true;
    }

    /** The receiver's bandwidth estimate (REMB): the encoder follows it, within our cap. */
    void requestBitrate(long estimateBps) {
        requestedBitrateBps = (int) Math.clamp(estimateBps, EngineSettings.MIN_VIDEO_BITRATE_BPS, maxBitrateBps);
    }

    /** Codes {@code frame} (only its changed blocks, unless a keyframe is due) and queues its packets. */
    void push(I420Frame frame, long nowNs) {
        ensureEncoder(frame);
        boolean keyframe = keyframeRequested && (lastKeyframeNs == Long.MIN_VALUE || nowNs - lastKeyframeNs >= KEYFRAME_SPACING_NS);
        changed.clear();
        changed.markDifferences(previous, frame);
        if (changed.changedCount() == 0) {
            framesUnchanged++;
        } else {
            System.arraycopy(frame.data(), 0, previous.data(), 0, frame.data().length);
        }
        long beganNs = System.nanoTime();
        encoder.setTargetBitrate(requestedBitrateBps);
        encoder.encode(frame, changed, keyframe, coded);
        encodeNs += System.nanoTime() - beganNs;
        if (coded.keyframe()) {
            keyframeRequested = false;
            lastKeyframeNs = nowNs;
        }
        timing.next(frame.timestampUs() * 1_000L);
        if (coded.sizeBytes() > 0) {
            stream.sendFrom(timing.sendNs());
            payloader.send(coded.buffer(), coded.sizeBytes(), clock.rtpTimestamp(timing.stampNs(), 90_000, rtpOffset));
        }
        framesCoded++;
    }

    long framesCoded() {
        return framesCoded;
    }

    long framesUnchanged() {
        return framesUnchanged;
    }

    double encodeSeconds() {
        return encodeNs / 1e9;
    }

    private void ensureEncoder(I420Frame frame) {
        if (encoder != null && encoder.settings().widthPx() == frame.width() && encoder.settings().heightPx() == frame.height()) {
            return;
        }
        close();
        encoder = new Vp8Encoder(Vp8Settings.avatar(frame.width(), frame.height(), NOMINAL_FPS, requestedBitrateBps));
        coded = EncodedFrame.forSettings(encoder.settings());
        changed = new ChangedBlocks(frame.width(), frame.height());
        previousPool = new FramePool(frame.width(), frame.height(), 1);
        previous = previousPool.acquire();
        keyframeRequested = true;
    }

    @Override
    public void close() {
        if (encoder != null) {
            encoder.close();
            encoder = null;
        }
        if (previous != null) {
            previous.release();
            previous = null;
        }
    }
}
