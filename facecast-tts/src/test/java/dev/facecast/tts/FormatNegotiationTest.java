package dev.facecast.tts;

import dev.facecast.media.audio.AudioFormat;
import dev.facecast.media.audio.PcmChunk;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** The base class asks the engine for its own rate and resamples only when the consumer asks for another. */
class FormatNegotiationTest {

    /** An engine that speaks a fixed 16 kHz tone in 25 chunks of 20 ms, remembering what it made. */
    private static final class ToneEngine extends NativeRateSynthesizer {
        final List<PcmChunk> made = new ArrayList<>();

        @Override
        public String name() {
            return "tone";
        }

        @Override
        public AudioFormat nativeFormat() {
            return AudioFormat.mono(16_000);
        }

        @Override
        protected void synthesizeNative(String text, SpeechSink sink, BooleanSupplier cancelled) {
            for (int c = 0; c < 25; c++) {
                short[] samples = new short[320];
                for (int i = 0; i < samples.length; i++) {
                    samples[i] = (short) (8000 * Math.sin(2 * Math.PI * 440 * (c * 320 + i) / 16_000.0));
                }
                PcmChunk chunk = new PcmChunk(nativeFormat(), samples, samples.length);
                made.add(chunk);
                sink.onAudio(chunk);
            }
        }

        @Override
        public void close() {
        }
    }

    @Test
    void shouldPassSamplesUntouchedWhenTheRatesMatch() {
        ToneEngine engine = new ToneEngine();
        List<PcmChunk> heard = new ArrayList<>();

        engine.synthesize("x", AudioFormat.mono(16_000), heard::add, () -> false);

        assertThat(engine.resamplesFor(AudioFormat.mono(16_000))).isFalse();
        assertThat(heard).hasSameSizeAs(engine.made);
        for (int i = 0; i < heard.size(); i++) {
            assertThat(heard.get(i)).isSameAs(engine.made.get(i));
        }
    }

    @Test
    void shouldResampleOnceAndDrainAtTheEndWhenTheRatesDiffer() {
        ToneEngine engine = new ToneEngine();
        List<PcmChunk> heard = new ArrayList<>();

        engine.synthesize("x", AudioFormat.mono(48_000), heard::add, () -> false);

        long frames = heard.stream().mapToLong(PcmChunk::frames).sum();
        assertThat(engine.resamplesFor(AudioFormat.mono(48_000))).isTrue();
        assertThat(heard).allSatisfy(chunk -> assertThat(chunk.format()).isEqualTo(AudioFormat.mono(48_000)));
        // 0.5 s in; the drain flushes the filter's delay, so all of it comes out (plus the tail of the filter)
        assertThat(frames).isBetween(24_000L, 24_000L + 200);
    }
}
