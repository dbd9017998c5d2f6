package dev.facecast.tts;

import dev.facecast.media.audio.AudioFormat;
import dev.facecast.media.audio.PcmChunk;
import dev.facecast.media.speech.PhoneTiming;
import dev.facecast.tts.freetts.FreeTtsSynthesizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FreeTtsSynthesizerTest {

    private static FreeTtsSynthesizer tts;

    @BeforeAll
    static void loadVoice() {
        tts = new FreeTtsSynthesizer(2);
    }

    @AfterAll
    static void close() {
        tts.close();
    }

    @Test
    void shouldSpeakAtItsNativeRateWithPhoneTimings() {
        Collected out = speak("Hello there. I am your avatar.", AudioFormat.mono(16_000));

        assertThat(tts.resamplesFor(AudioFormat.mono(16_000))).isFalse();
        assertThat(out.formats()).containsOnly(AudioFormat.mono(16_000));
        double seconds = out.frames / 16_000.0;
        assertThat(seconds).isBetween(1.0, 6.0);
        assertThat(out.rms()).isGreaterThan(500);
        assertThat(out.phones).extracting(PhoneTiming::phone).contains("hh", "l", "ow");
        assertThat(out.phones.getLast().endMs()).isBetween((long) (seconds * 1000) - 300, (long) (seconds * 1000) + 5);
        for (int i = 1; i < out.phones.size(); i++) {
            assertThat(out.phones.get(i).endMs()).isGreaterThanOrEqualTo(out.phones.get(i - 1).endMs());
        }
    }

    @Test
    void shouldResampleToTheRequestedRate() {
        Collected native16k = speak("Testing one two three.", AudioFormat.mono(16_000));
        Collected at48k = speak("Testing one two three.", AudioFormat.mono(48_000));

        assertThat(tts.resamplesFor(AudioFormat.mono(48_000))).isTrue();
        assertThat(at48k.formats()).containsOnly(AudioFormat.mono(48_000));
        assertThat(at48k.frames).isCloseTo(3L * native16k.frames, org.assertj.core.data.Offset.offset(400L));
        assertThat(at48k.phones).isEqualTo(native16k.phones);
    }

    @Test
    void shouldStopWhenCancelled() {
        AtomicInteger chunks = new AtomicInteger();
        tts.synthesize("This is a long sentence that should be cut short after a few chunks of audio.",
                AudioFormat.mono(16_000), chunk -> chunks.incrementAndGet(), () -> chunks.get() >= 3);

        assertThat(chunks.get()).isEqualTo(3);
    }

    @Test
    void shouldSpeakNothingForBlankText() {
        Collected out = speak("   ", AudioFormat.mono(16_000));

        assertThat(out.frames).isZero();
    }

    private static Collected speak(String text, AudioFormat format) {
        Collected collected = new Collected();
        tts.synthesize(text, format, collected, () -> false);
        return collected;
    }

    private static final class Collected implements SpeechSink {
        final List<PcmChunk> chunks = new ArrayList<>();
        final List<PhoneTiming> phones = new ArrayList<>();
        long frames;

        @Override
        public void onAudio(PcmChunk chunk) {
            chunks.add(chunk);
            frames += chunk.frames();
        }

        @Override
        public void onPhones(List<PhoneTiming> timings) {
            phones.addAll(timings);
        }

        List<AudioFormat> formats() {
            return chunks.stream().map(PcmChunk::format).distinct().toList();
        }

        double rms() {
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
    }
}
