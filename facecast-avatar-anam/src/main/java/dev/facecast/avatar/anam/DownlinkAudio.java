package dev.facecast.avatar.anam;

import dev.facecast.media.audio.AudioFormat;
import dev.facecast.media.audio.PcmChunk;
import dev.facecast.media.audio.Resampler;

import java.util.Arrays;

/**
 * The avatar's voice as WebRTC delivers it, in {@link #FORMAT}, 10 ms at a time: the hosted face's
 * output format, which the session publishes as it is. The writer side (libwebrtc's audio thread)
 * mixes to mono, and resamples only if a block arrives at another rate; the media thread reads
 * through a small jitter buffer ({@value #PREBUFFER_MS} ms, filled before playing starts or
 * restarts after running dry).
 * A barge-in drops what is buffered and mutes what still arrives until the vendor's voice falls
 * silent ({@value #QUIET_TO_UNMUTE_MS} ms of quiet), at most {@value #MAX_MUTE_MS} ms: what was on the
 * wire, in the decoder and in the receiver's jitter buffer when the vendor stopped is never heard.
 */
final class DownlinkAudio {

    /**
     * What libwebrtc's Opus decoder gives a received track's sink: 48 kHz, Opus's full rate and its
     * RTP clock (RFC 7587), whatever rate the sender coded. Mono: one voice.
     */
    static final AudioFormat FORMAT = AudioFormat.mono(48_000);

    /** Absorbs the network's and the decoder's jitter; the delay it adds is the same for the pictures' lateness. */
    static final int PREBUFFER_MS = 40;
    /** Quiet that ends the mute after a barge-in: the vendor's voice stopped. */
    static final int QUIET_TO_UNMUTE_MS = 100;
    /** A vendor that goes on talking after a barge-in is heard again after this. */
    static final int MAX_MUTE_MS = 1_000;
    /** Quieter than this (about -46 dBFS) is silence. */
    private static final int QUIET_LEVEL = 160;

    private final PcmRing ring = new PcmRing(FORMAT.framesIn(2_000));
    private final int prebufferSamples = FORMAT.framesIn(PREBUFFER_MS);
    private volatile Resampler resampler; // used by the writer alone, made for the rate that arrives
    private short[] mono = new short[960];
    private boolean playing; // the reader's
    private volatile long clearedAtNs;
    private volatile boolean muting;
    private volatile long lastMuteMs = -1;
    private long quietFrames; // the writer's
    private volatile boolean clearRequested;

    /** Writer: one block as received. */
    void onPcm(short[] samples, int frames, int sampleRateHz, int channels) {
        if (muting && stillMuted(samples, frames * channels, sampleRateHz)) {
            return;
        }
        if (mono.length < frames) {
            mono = new short[frames];
        }
        for (int i = 0; i < frames; i++) {
            int sum = 0;
            for (int c = 0; c < channels; c++) {
                sum += samples[i * channels + c];
            }
            mono[i] = (short) (sum / channels);
        }
        AudioFormat arriving = AudioFormat.mono(sampleRateHz);
        if (resampler == null || !resampler.input().equals(arriving)) {
            resampler = Resampler.between(arriving, FORMAT);
        }
        PcmChunk converted = resampler.process(new PcmChunk(arriving, Arrays.copyOf(mono, frames), frames));
        ring.write(converted.samples(), converted.sampleCount());
    }

    /** Reader: the next 10 ms into {@code tenMs}, silence where there is none yet. */
    void fill(short[] tenMs) {
        if (clearRequested) {
            clearRequested = false;
            ring.skipAll();
            playing = false;
        }
        int needed = tenMs.length;
        if (!playing && ring.available() >= prebufferSamples + needed) {
            playing = true;
        }
        int got = playing ? ring.read(tenMs, needed) : 0;
        if (got < needed) {
            Arrays.fill(tenMs, got, needed, (short) 0);
            playing = false; // ran dry: build the buffer up again before playing on
        }
    }

    /** Any thread: drop what is buffered at the reader's next fill, mute what is in flight. */
    void clear() {
        clearedAtNs = System.nanoTime();
        muting = true;
        clearRequested = true; // the ring's read side is the reader's: it skips at its next fill
    }

    /** How long the last barge-in's mute lasted: until the vendor's voice fell silent; -1 before one ended. */
    long lastMuteMs() {
        return lastMuteMs;
    }

    /** Writer, while muted: true while this block is to be dropped. */
    private boolean stillMuted(short[] samples, int count, int sampleRateHz) {
        long mutedMs = (System.nanoTime() - clearedAtNs) / 1_000_000;
        boolean quiet = true;
        for (int i = 0; i < count && quiet; i++) {
            quiet = Math.abs(samples[i]) <= QUIET_LEVEL;
        }
        quietFrames = quiet ? quietFrames + count : 0;
        if (quietFrames * 1_000L >= (long) QUIET_TO_UNMUTE_MS * sampleRateHz || mutedMs >= MAX_MUTE_MS) {
            muting = false;
            quietFrames = 0;
            lastMuteMs = mutedMs;
            Resampler current = resampler;
            if (current != null) {
                current.reset(); // its filter still holds the cut reply's last samples: they would sound as a click
            }
        }
        return true;
    }

    /** Reader: how long the voice now waits in the buffer before it is heard. */
    long bufferedNs() {
        return ring.available() * 1_000_000_000L / FORMAT.sampleRateHz();
    }

    /** True when the voice arrives at another rate than {@link #FORMAT}, so a resampler runs. */
    boolean resamples() {
        Resampler current = resampler;
        return current != null && !current.isPassThrough();
    }

    long droppedSamples() {
        return ring.dropped();
    }
}
