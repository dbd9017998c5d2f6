package dev.facecast.avatar.anam;

import dev.facecast.media.audio.AudioFormat;
import dev.facecast.media.audio.PcmChunk;
import dev.facecast.media.audio.Resampler;

import java.util.Arrays;

/**
 * The avatar's voice as WebRTC delivers it (Opus decoded, usually 48 kHz) to the session's
 * format, 10 ms at a time. The writer side (libwebrtc's audio thread) mixes to mono and
 * resamples when the rates differ; the media thread reads through a small jitter buffer
 * ({@value #PREBUFFER_MS} ms, filled before playing starts or restarts after running dry).
 * A barge-in drops what is buffered and mutes what is still on its way for a moment.
 */
final class DownlinkAudio {

    /** Absorbs the network's and the decoder's jitter; the delay it adds is the same for the pictures' lateness. */
    static final int PREBUFFER_MS = 40;
    /** After a barge-in, audio already on the wire is not played; the vendor stops within this. */
    static final int MUTE_AFTER_CLEAR_MS = 150;

    private final AudioFormat output;
    private final PcmRing ring;
    private final int prebufferSamples;
    private volatile Resampler resampler; // used by the writer alone, made for the rate that arrives
    private short[] mono = new short[960];
    private boolean playing; // the reader's
    private volatile long muteUntilNs;
    private volatile boolean clearRequested;

    DownlinkAudio(AudioFormat output) {
        if (output.channels() != 1) {
            throw new IllegalArgumentException("the hosted avatar plays mono speech, not " + output);
        }
        this.output = output;
        this.ring = new PcmRing(output.framesIn(2_000));
        this.prebufferSamples = output.framesIn(PREBUFFER_MS);
    }

    /** Writer: one block as received. */
    void onPcm(short[] samples, int frames, int sampleRateHz, int channels) {
        if (System.nanoTime() - muteUntilNs < 0) {
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
            resampler = Resampler.between(arriving, output);
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
        muteUntilNs = System.nanoTime() + MUTE_AFTER_CLEAR_MS * 1_000_000L;
        clearRequested = true; // the ring's read side is the reader's: it skips at its next fill
    }

    /** True when the voice arrives at another rate than the session's, so a resampler runs. */
    boolean resamples() {
        Resampler current = resampler;
        return current != null && !current.isPassThrough();
    }

    long droppedSamples() {
        return ring.dropped();
    }
}
