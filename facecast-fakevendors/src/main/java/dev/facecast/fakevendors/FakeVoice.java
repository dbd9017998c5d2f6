package dev.facecast.fakevendors;

import dev.facecast.media.audio.AudioFormat;
import dev.facecast.media.audio.Pcm16;
import dev.facecast.media.audio.PcmChunk;
import dev.facecast.media.speech.PhoneTiming;
import dev.facecast.tts.SpeechSink;
import dev.facecast.tts.freetts.FreeTtsSynthesizer;

import java.util.ArrayList;
import java.util.List;

/**
 * The fake vendors' voice: FreeTTS, at whatever rate a request names (resampled on the
 * "vendor's" side, as a cloud TTS does), with its phones. Thread-safe.
 */
public final class FakeVoice implements AutoCloseable {

    /** One utterance, whole: mono samples and phone end times from its start. */
    public record Utterance(AudioFormat format, short[] samples, List<PhoneTiming> phones) {
    }

    private final FreeTtsSynthesizer voice = new FreeTtsSynthesizer(4);

    public Utterance speak(String text, int sampleRateHz) {
        AudioFormat format = AudioFormat.mono(sampleRateHz);
        List<PcmChunk> chunks = new ArrayList<>();
        List<PhoneTiming> phones = new ArrayList<>();
        voice.synthesize(text, format, new SpeechSink() {
            @Override
            public void onAudio(PcmChunk chunk) {
                chunks.add(chunk);
            }

            @Override
            public void onPhones(List<PhoneTiming> timings) {
                phones.addAll(timings);
            }
        }, () -> false);
        return new Utterance(format, Pcm16.join(chunks), phones);
    }

    @Override
    public void close() {
        voice.close();
    }
}
