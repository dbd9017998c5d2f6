package dev.facecast.media.audio;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Tag("unit")
class ResamplerTest {

    @Test
    void shouldPassMatchingFormatsThroughWithoutCopying() {
        AudioFormat format = AudioFormat.mono(16_000);
        Resampler resampler = Resampler.between(format, format);
        PcmChunk chunk = new PcmChunk(format, ToneAnalysis.sine(16_000, 440, 8000, 160), 160);

        assertThat(resampler.isPassThrough()).isTrue();
        assertThat(resampler.process(chunk)).isSameAs(chunk);
        assertThat(resampler.drain().isEmpty()).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"16000,24000", "24000,48000", "48000,16000", "22050,48000", "16000,48000"})
    void shouldGiveTheSameOutputForAnyChunking(int inputHz, int outputHz) {
        short[] signal = ToneAnalysis.sine(inputHz, 1000, 12_000, inputHz / 2);
        short[] whole = resampleInChunks(inputHz, outputHz, signal, new int[]{signal.length});
        Random random = new Random(42);
        int[] sizes = random.ints(400, 1, 700).toArray();
        short[] chunked = resampleInChunks(inputHz, outputHz, signal, sizes);

        assertThat(chunked).hasSameSizeAs(whole);
        for (int i = 0; i < whole.length; i++) {
            // Outputs are 16-bit; the same arithmetic gives the same rounding, within 1e-3 of full scale.
            assertThat(Math.abs(chunked[i] - whole[i]) / 32768.0).isLessThanOrEqualTo(1e-3);
        }
    }

    @ParameterizedTest
    @CsvSource({"16000,24000", "24000,48000", "48000,16000", "22050,48000"})
    void shouldKeepA1kHzToneAbove100DbSnr(int inputHz, int outputHz) {
        short[] signal = ToneAnalysis.sine(inputHz, 1000, 16_000, inputHz);
        short[] out = resampleInChunks(inputHz, outputHz, signal, new int[]{441});
        int margin = outputHz / 20;

        double snrDb = ToneAnalysis.sineFitSnrDb(out, margin, out.length - margin, outputHz, 1000);

        // 16-bit rounding alone limits a -6 dBFS tone to about 92 dB; measure above that floor.
        assertThat(snrDb).isGreaterThan(85);
    }

    @ParameterizedTest
    @CsvSource({"16000,24000", "24000,48000", "48000,16000", "22050,48000"})
    void shouldKeepA1kHzToneAbove100DbSnrInFloat(int inputHz, int outputHz) {
        int frames = inputHz;
        float[] tone = new float[frames];
        for (int i = 0; i < frames; i++) {
            tone[i] = (float) (0.5 * Math.sin(2 * Math.PI * 1000 * i / inputHz));
        }
        PolyphaseResampler resampler = new PolyphaseResampler(AudioFormat.mono(inputHz), AudioFormat.mono(outputHz),
                PolyphaseResampler.Quality.DEFAULT);
        float[] out = new float[resampler.maxOutputFrames(frames)];
        int produced = resampler.process(tone, frames, out);
        int margin = outputHz / 20;

        double snrDb = ToneAnalysis.sineFitSnrDb(out, margin, produced - margin, outputHz, 1000);

        assertThat(snrDb).isGreaterThanOrEqualTo(100);
    }

    @Test
    void shouldProduceTheExpectedLengthAfterDrain() {
        short[] signal = ToneAnalysis.sine(16_000, 300, 8000, 16_000);
        short[] out = resampleInChunks(16_000, 48_000, signal, new int[]{320});

        assertThat(out.length).isBetween(48_000, 48_000 + 3 * 200);
    }

    @Test
    void shouldForgetHistoryOnReset() {
        AudioFormat in = AudioFormat.mono(16_000);
        Resampler resampler = Resampler.between(in, AudioFormat.mono(48_000));
        resampler.process(new PcmChunk(in, ToneAnalysis.sine(16_000, 500, 20_000, 1600), 1600));
        resampler.reset();

        PcmChunk afterReset = resampler.process(PcmChunk.silence(in, 1600));

        assertThat(afterReset.toArray()).containsOnly((short) 0);
    }

    @Test
    void shouldResampleStereoChannelsIndependently() {
        AudioFormat in = new AudioFormat(24_000, 2);
        short[] left = ToneAnalysis.sine(24_000, 1000, 10_000, 2400);
        short[] interleaved = new short[4800];
        for (int i = 0; i < 2400; i++) {
            interleaved[2 * i] = left[i];
        }
        Resampler resampler = Resampler.between(in, new AudioFormat(48_000, 2));

        PcmChunk out = resampler.process(new PcmChunk(in, interleaved, 2400));

        short[] samples = out.toArray();
        for (int i = 1; i < samples.length; i += 2) {
            assertThat(samples[i]).isZero();
        }
        assertThat(out.frames()).isGreaterThan(4000);
    }

    @Test
    void shouldRefuseMismatchedChannelsAndFormats() {
        assertThatThrownBy(() -> Resampler.between(AudioFormat.mono(16_000), new AudioFormat(48_000, 2)))
                .hasMessageContaining("channel counts differ");
        Resampler resampler = Resampler.between(AudioFormat.mono(16_000), AudioFormat.mono(48_000));
        assertThatThrownBy(() -> resampler.process(PcmChunk.silence(AudioFormat.mono(8_000), 80)))
                .hasMessageContaining("expected 16000 Hz");
        assertThatThrownBy(() -> AudioFormat.mono(1_000_000)).hasMessageContaining("outside");
    }

    static short[] resampleInChunks(int inputHz, int outputHz, short[] signal, int[] chunkSizes) {
        AudioFormat in = AudioFormat.mono(inputHz);
        Resampler resampler = Resampler.between(in, AudioFormat.mono(outputHz));
        List<PcmChunk> collected = new ArrayList<>();
        int position = 0;
        for (int i = 0; position < signal.length; i++) {
            int size = Math.min(chunkSizes[i % chunkSizes.length], signal.length - position);
            short[] part = java.util.Arrays.copyOfRange(signal, position, position + size);
            collected.add(resampler.process(new PcmChunk(in, part, size)));
            position += size;
        }
        collected.add(resampler.drain());
        return Pcm16.join(collected);
    }
}
