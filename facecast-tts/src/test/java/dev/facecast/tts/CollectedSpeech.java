package dev.facecast.tts;

import dev.facecast.media.audio.AudioFormat;
import dev.facecast.media.audio.PcmChunk;
import dev.facecast.media.speech.PhoneTiming;

import java.util.ArrayList;
import java.util.List;

/** A sink that keeps one synthesis for tests to inspect. Not thread-safe: calls come in order on one thread. */
public final class CollectedSpeech implements SpeechSink {

    public final List<PcmChunk> chunks = new ArrayList<>();
    public final List<PhoneTiming> phones = new ArrayList<>();

    @Override
    public void onAudio(PcmChunk chunk) {
        chunks.add(chunk);
    }

    @Override
    public void onPhones(List<PhoneTiming> timings) {
        phones.addAll(timings);
    }

    public long frames() {
        return chunks.stream().mapToLong(PcmChunk::frames).sum();
    }

    /** The audio's length at its own rate; 0 with none. */
    public long audioMs() {
        return chunks.isEmpty() ? 0 : frames() * 1_000 / chunks.getFirst().format().sampleRateHz();
    }

    public List<AudioFormat> formats() {
        return chunks.stream().map(PcmChunk::format).distinct().toList();
    }

    public double rms() {
        double sum = 0;
        long n = 0;
        for (PcmChunk chunk : chunks) {
            for (int i = 0; i < chunk.sampleCount(); i++) {
                sum += (double) chunk.samples()[i] * chunk.samples()[i];
                n++;
            }
        }
        return Math.sqrt(sum / Math.max(1, n));
    }

    /** All samples in one array, as a recogniser is fed. */
    public short[] samples() {
        short[] all = new short[(int) chunks.stream().mapToLong(PcmChunk::sampleCount).sum()];
        int at = 0;
        for (PcmChunk chunk : chunks) {
            System.arraycopy(chunk.samples(), 0, all, at, chunk.sampleCount());
            at += chunk.sampleCount();
        }
        return all;
    }
}
