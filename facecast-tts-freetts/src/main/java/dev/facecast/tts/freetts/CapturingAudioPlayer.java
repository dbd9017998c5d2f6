package dev.facecast.tts.freetts;

import com.sun.speech.freetts.audio.AudioPlayer;
import dev.facecast.media.audio.AudioFormat;
import dev.facecast.media.audio.PcmChunk;
import dev.facecast.media.speech.PhoneTiming;
import dev.facecast.tts.SpeechSink;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.function.BooleanSupplier;

/**
 * FreeTTS's audio output, turned into a stream of {@link PcmChunk}s: no sound device.
 *
 * <p>FreeTTS speaks a text as several utterances, each starting with {@link #begin(int)}. The
 * phones of an utterance arrive before its audio, so they wait in a queue and are shifted
 * by the audio already written when that utterance begins.
 */
final class CapturingAudioPlayer implements AudioPlayer {

    /** About 40 ms at 16 kHz: small enough to start playback early, large enough to be cheap. */
    private static final int CHUNK_FRAMES = 640;

    private final SpeechSink sink;
    private final BooleanSupplier cancelled;
    private final Queue<List<PhoneTiming>> pendingPhones = new ArrayDeque<>();
    private javax.sound.sampled.AudioFormat engineFormat;
    private AudioFormat format = AudioFormat.mono(16_000);
    private short[] buffer = new short[CHUNK_FRAMES];
    private int buffered;
    private int oddByte = -1;
    private long framesWritten;
    private long utteranceStartFrame;
    private final Queue<PcmChunk> heldChunks = new ArrayDeque<>();

    CapturingAudioPlayer(SpeechSink sink, BooleanSupplier cancelled) {
        this.sink = sink;
        this.cancelled = cancelled;
    }

    synchronized void expectUtterance(List<PhoneTiming> phones) {
        pendingPhones.add(phones);
    }

    @Override
    public synchronized void begin(int sizeBytes) {
        utteranceStartFrame = framesWritten;
    }

    /**
     * Ends an utterance: its phones go out first, scaled so the last ends with the real audio
     * (the duration model's ends run a little long), then the utterance's audio. FreeTTS makes
     * an utterance's audio in one burst, so holding it back until here costs no latency.
     */
    @Override
    public synchronized boolean end() {
        if (sink == null || cancelled.getAsBoolean()) {
            return false;
        }
        cutChunk();
        List<PhoneTiming> phones = pendingPhones.poll();
        if (phones != null && !phones.isEmpty()) {
            long startMs = utteranceStartFrame * 1000 / format.sampleRateHz();
            long audioMs = (framesWritten - utteranceStartFrame) * 1000 / format.sampleRateHz();
            long modelMs = phones.getLast().endMs();
            double scale = modelMs > 0 && audioMs > 0 ? Math.clamp((double) audioMs / modelMs, 0.5, 2.0) : 1.0;
            sink.onPhones(phones.stream()
                    .map(p -> new PhoneTiming(p.phone(), startMs + Math.round(p.endMs() * scale)))
                    .toList());
        }
        for (PcmChunk chunk; (chunk = heldChunks.poll()) != null; ) {
            if (cancelled.getAsBoolean()) {
                heldChunks.clear();
                return false;
            }
            sink.onAudio(chunk);
        }
        return true;
    }

    @Override
    public boolean write(byte[] audioData) {
        return write(audioData, 0, audioData.length);
    }

    @Override
    public synchronized boolean write(byte[] bytes, int offset, int length) {
        if (sink == null || cancelled.getAsBoolean()) {
            return false;
        }
        boolean bigEndian = engineFormat == null || engineFormat.isBigEndian();
        for (int i = offset; i < offset + length; i++) {
            if (oddByte < 0) {
                oddByte = bytes[i] & 0xff;
                continue;
            }
            int hi = bigEndian ? oddByte : bytes[i] & 0xff;
            int lo = bigEndian ? bytes[i] & 0xff : oddByte;
            oddByte = -1;
            buffer[buffered++] = (short) ((hi << 8) | lo);
            if (buffered == buffer.length) {
                cutChunk();
            }
        }
        return true;
    }

    /** Holds what is buffered as a chunk of the current utterance; the last one may be short. */
    private void cutChunk() {
        if (buffered > 0) {
            heldChunks.add(new PcmChunk(format, buffer, buffered));
            buffer = new short[CHUNK_FRAMES];
        }
        framesWritten += buffered;
        buffered = 0;
    }

    @Override
    public synchronized void setAudioFormat(javax.sound.sampled.AudioFormat engineFormat) {
        this.engineFormat = engineFormat;
        this.format = AudioFormat.mono(Math.round(engineFormat.getSampleRate()));
    }

    @Override
    public javax.sound.sampled.AudioFormat getAudioFormat() {
        return engineFormat;
    }

    @Override
    public boolean drain() {
        return true;
    }

    @Override
    public void pause() {
    }

    @Override
    public void resume() {
    }

    @Override
    public void reset() {
    }

    @Override
    public void cancel() {
    }

    @Override
    public void close() {
    }

    @Override
    public float getVolume() {
        return 1f;
    }

    @Override
    public void setVolume(float volume) {
    }

    @Override
    public long getTime() {
        return 0;
    }

    @Override
    public void resetTime() {
    }

    @Override
    public void startFirstSampleTimer() {
    }

    @Override
    public void showMetrics() {
    }
}
