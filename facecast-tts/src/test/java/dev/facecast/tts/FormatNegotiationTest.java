package dev.facecast.tts;

import dev.facecast.media.audio.AudioFormat;
import dev.facecast.media.audio.PcmChunk;
import dev.facecast.media.speech.PhoneTiming;
import dev.facecast.provider.Call;
import dev.facecast.provider.ProviderPolicy;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The base class asks the engine for its own rate and resamples only when the consumer asks
 * for another; a tone engine also passes the conformance suite, proving the base alone.
 */
@Tag("unit")
class FormatNegotiationTest extends SpeechSynthesizerConformance {

    @Override
    protected SpeechSynthesizer create(ProviderPolicy policy) {
        return new ToneEngine(policy);
    }

    /** An engine that speaks a 16 kHz tone in 25 chunks of 20 ms, one phone per chunk, remembering what it made. */
    private static final class ToneEngine extends NativeRateSynthesizer {
        final List<PcmChunk> made = new ArrayList<>();

        ToneEngine(ProviderPolicy policy) {
            super("tone", AudioFormat.mono(16_000), policy);
        }

        @Override
        protected void synthesizeNative(String text, SpeechSink sink, Call call) {
            call.connected();
            for (int c = 0; c < 25 && !call.getAsBoolean(); c++) {
                short[] samples = new short[320];
                for (int i = 0; i < samples.length; i++) {
                    samples[i] = (short) (8000 * Math.sin(2 * Math.PI * 440 * (c * 320 + i) / 16_000.0));
                }
                PcmChunk chunk = new PcmChunk(nativeFormat(), samples, samples.length);
                made.add(chunk);
                sink.onPhones(List.of(new PhoneTiming("aa", 20L * (c + 1))));
                sink.onAudio(chunk);
            }
        }
    }

    @Test
    void shouldPassSamplesUntouchedWhenTheRatesMatch() {
        ToneEngine engine = new ToneEngine(ProviderPolicy.LOCAL);
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
        ToneEngine engine = new ToneEngine(ProviderPolicy.LOCAL);
        List<PcmChunk> heard = new ArrayList<>();

        engine.synthesize("x", AudioFormat.mono(48_000), heard::add, () -> false);

        long frames = heard.stream().mapToLong(PcmChunk::frames).sum();
        assertThat(engine.resamplesFor(AudioFormat.mono(48_000))).isTrue();
        assertThat(heard).allSatisfy(chunk -> assertThat(chunk.format()).isEqualTo(AudioFormat.mono(48_000)));
        // 0.5 s in; the drain flushes the filter's delay, so all of it comes out (plus the tail of the filter)
        assertThat(frames).isBetween(24_000L, 24_000L + 200);
    }
}
