package dev.facecast.tts;

import dev.facecast.media.audio.AudioFormat;
import dev.facecast.media.audio.AudioLevels;
import dev.facecast.media.audio.Pcm16;
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

    /** RMS of all samples, in sample units (full scale 32,768). */
    public double rms() {
        short[] all = samples();
        return AudioLevels.rms(all, all.length) * 32_768;
    }

    /** All samples in one array, as a recogniser is fed. */
    public short[] samples() {
        return Pcm16.join(chunks);
    }
}
