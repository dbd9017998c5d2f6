package dev.facecast.benchmarks;

import dev.facecast.media.audio.AudioFormat;
import dev.facecast.media.audio.PolyphaseResampler;
import dev.facecast.media.audio.ToneAnalysis;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Streaming resampler, mono, default quality, fed 10 ms chunks as a session would.
 *
 * <p>Score: microseconds per 10 ms chunk. Realtime factor = 10,000 / score (printed by the
 * setup along with the SNR of a 1 kHz tone through the same filter, without 16-bit rounding).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-XX:+UseParallelGC")
public class ResamplerBenchmark {

    @Param({"16000:24000", "24000:48000", "48000:16000", "22050:48000"})
    public String rates;

    private PolyphaseResampler resampler;
    private short[] chunk;
    private short[] out;
    private float[] floatChunk;
    private float[] floatOut;
    private int frames;

    @Setup
    public void setUp() {
        String[] pair = rates.split(":");
        int inputHz = Integer.parseInt(pair[0]);
        int outputHz = Integer.parseInt(pair[1]);
        AudioFormat input = AudioFormat.mono(inputHz);
        AudioFormat output = AudioFormat.mono(outputHz);
        resampler = new PolyphaseResampler(input, output, PolyphaseResampler.Quality.DEFAULT);
        frames = input.framesIn(10);
        chunk = ToneAnalysis.sine(inputHz, 1000, 16_000, frames);
        out = new short[resampler.maxOutputFrames(frames)];
        floatChunk = new float[frames];
        for (int i = 0; i < frames; i++) {
            floatChunk[i] = chunk[i];
        }
        floatOut = new float[resampler.maxOutputFrames(frames)];
        System.out.printf("%n[resampler] %s: %d taps per phase, 1 kHz tone SNR %.1f dB%n",
                rates, resampler.tapsPerPhase(), toneSnrDb(input, output));
    }

    /** The session's path: 16-bit in, 16-bit out. */
    @Benchmark
    public int tenMilliseconds() {
        return resampler.process(chunk, frames, out);
    }

    /** The filter alone, without the 16-bit conversions. */
    @Benchmark
    public int tenMillisecondsFloat() {
        return resampler.process(floatChunk, frames, floatOut);
    }

    private static double toneSnrDb(AudioFormat input, AudioFormat output) {
        PolyphaseResampler fresh = new PolyphaseResampler(input, output, PolyphaseResampler.Quality.DEFAULT);
        int inputFrames = input.sampleRateHz();
        float[] tone = new float[inputFrames];
        for (int i = 0; i < inputFrames; i++) {
            tone[i] = (float) (0.5 * Math.sin(2 * Math.PI * 1000 * i / input.sampleRateHz()));
        }
        float[] resampled = new float[fresh.maxOutputFrames(inputFrames)];
        int produced = fresh.process(tone, inputFrames, resampled);
        int margin = output.sampleRateHz() / 20;
        return ToneAnalysis.sineFitSnrDb(resampled, margin, produced - margin, output.sampleRateHz(), 1000);
    }
}
