package dev.facecast.engine;

import dev.facecast.codec.OpusEncoder;
import dev.facecast.codec.OpusSettings;
import dev.facecast.engine.rtp.MediaClock;
import dev.facecast.engine.rtp.OutboundStream;
import dev.facecast.media.audio.AudioFormat;

import java.util.concurrent.TimeUnit;

/**
 * A session's voice on the server engine: Opus at the session's own rate (16 or 24 kHz: no
 * resampling to 48 kHz, Opus codes any of them), 20 ms per packet, coded on the media thread.
 *
 * <p>Timestamps: the media thread pushes 10 ms every 10 ms by deadline, so the k-th chunk's
 * time is the first push's time plus k x 10 ms, on the session's {@link MediaClock}, the
 * same clock video frames are stamped from. Only if the pushes fall behind that schedule by
 * more than {@link #MAX_LAG_NS} (a stalled media thread) is the schedule moved to now: a gap in
 * RTP time, which the receiver plays as silence, rather than sound that drifts off the picture.
 * Opus's RTP clock is 48 kHz whatever the coded rate (RFC 7587 section 4.1).
 *
 * <p>The one fixed offset on this side: Opus's lookahead. Decoded sound lags its packet's
 * timestamp by the encoder's lookahead (6.5 ms at our settings, asked of libopus), so each
 * packet is stamped that much before its first sample's time, and the sound for media time t
 * plays at t.
 *
 * <p>Threading: the session's media thread only.
 */
final class AudioSender implements AutoCloseable {

    static final int RTP_CLOCK_HZ = 48_000;
    private static final int BITRATE_BPS = 32_000;
    private static final long MAX_LAG_NS = TimeUnit.MILLISECONDS.toNanos(60);

    private final OutboundStream stream;
    private final MediaClock clock;
    private final int rtpOffset = MediaClock.randomRtpOffset();
    private final OpusEncoder encoder;
    private final short[] frame;
    private final int frameSamples;
    private final int rateHz;
    private final long lookaheadNs;
    private int buffered;
    private long scheduleStartNs = Long.MIN_VALUE;
    private long samplesSinceStart;
    private long frameStartNs;

    AudioSender(OutboundStream stream, MediaClock clock, AudioFormat format) {
        if (format.channels() != 1) {
            throw new IllegalArgumentException("the server engine sends mono voice, not " + format.channels() + " channels");
        }
        this.stream = stream;
        this.clock = clock;
        this.rateHz = format.sampleRateHz();
        this.encoder = new OpusEncoder(OpusSettings.voice(rateHz, BITRATE_BPS));
        this.frameSamples = encoder.settings().frameSamples();
        this.frame = new short[frameSamples];
        this.lookaheadNs = encoder.lookaheadSamples() * 1_000_000_000L / rateHz;
    }

    int rtpOffset() {
        return rtpOffset;
    }

    OutboundStream stream() {
        return stream;
    }

    /** Codes {@code frames} samples pushed at {@code nowNs}; returns whether a packet was queued (one per 20 ms). */
    boolean push(short[] samples, int frames, long nowNs) {
        boolean queued = false;
        long scheduledNs = scheduleStartNs + samplesSinceStart * 1_000_000_000L / rateHz;
        if (scheduleStartNs == Long.MIN_VALUE || nowNs - scheduledNs > MAX_LAG_NS) {
            scheduleStartNs = nowNs;
            samplesSinceStart = 0;
            buffered = 0;
        }
        int used = 0;
        while (used < frames) {
            if (buffered == 0) {
                frameStartNs = scheduleStartNs + samplesSinceStart * 1_000_000_000L / rateHz;
            }
            int take = Math.min(frames - used, frameSamples - buffered);
            System.arraycopy(samples, used, frame, buffered, take);
            buffered += take;
            used += take;
            samplesSinceStart += take;
            if (buffered == frameSamples) {
                OutboundStream.Slot slot = stream.begin(clock.rtpTimestamp(frameStartNs - lookaheadNs, RTP_CLOCK_HZ, rtpOffset), false);
                int bytes = encoder.encode(frame, 0, slot.data, stream.headerBytes());
                stream.finish(slot, bytes);
                buffered = 0;
                queued = true;
            }
        }
        return queued;
    }

    @Override
    public void close() {
        encoder.close();
    }
}
