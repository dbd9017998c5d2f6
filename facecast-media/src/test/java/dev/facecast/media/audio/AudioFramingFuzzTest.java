package dev.facecast.media.audio;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Tag;

import java.util.List;

/**
 * Audio as a microphone delivers it (any rate libwebrtc decodes to, mono or stereo, chunks of
 * any size) through the conversation's framing: {@link PcmChunk#toMono()},
 * {@link Resampler#between}, and {@link ToneBursts} from a request's numbers. Bad parameters
 * may fail only with {@link IllegalArgumentException}, and sizes must add up.
 *
 * <p>By default this replays the inputs in
 * {@code src/test/resources/dev/facecast/media/audio/AudioFramingFuzzTestInputs/}. A campaign,
 * one method at a time, by hand:
 * <pre>
 * JAZZER_FUZZ=1 JAZZER_MAX_DURATION=5m mvn -pl facecast-media test -Dtest='AudioFramingFuzzTest#shouldResampleAnyChunkingLikeOnePiece'
 * </pre>
 */
@Tag("unit")
class AudioFramingFuzzTest {

    /** Rates a decoder or a device delivers; the fuzzer adds any multiple of 100 Hz besides. */
    private static final int[] COMMON_RATES_HZ = {8_000, 11_025, 12_000, 16_000, 22_050, 24_000, 32_000, 44_100, 48_000,
            88_200, 96_000, 192_000};
    /** Keeps one input to about a second of audio, so a campaign tries many. */
    private static final int MAX_CHUNK_FRAMES = 4_800;
    private static final int MAX_CHUNKS = 12;

    @FuzzTest(maxDuration = "2m")
    void shouldResampleAnyChunkingLikeOnePiece(FuzzedDataProvider data) {
        AudioFormat input = new AudioFormat(rate(data), data.consumeInt(1, 2));
        AudioFormat output = new AudioFormat(rate(data), data.consumeInt(1, 2));
        Resampler chunked;
        try {
            chunked = Resampler.between(input, output);
        } catch (IllegalArgumentException differentChannels) {
            require(input.channels() != output.channels(), "refused " + input + " -> " + output);
            return;
        }
        Resampler whole = Resampler.between(input, output);
        int[] chunkFrames = new int[data.consumeInt(1, MAX_CHUNKS)];
        int totalFrames = 0;
        for (int i = 0; i < chunkFrames.length; i++) {
            chunkFrames[i] = data.consumeInt(0, MAX_CHUNK_FRAMES);
            totalFrames += chunkFrames[i];
        }
        short[] signal = signal(data.consumeLong(), data.consumeInt(0, 32_767), totalFrames * input.channels());

        short[] chunkedOut = new short[0];
        int at = 0;
        for (int frames : chunkFrames) {
            short[] samples = java.util.Arrays.copyOfRange(signal, at * input.channels(), (at + frames) * input.channels());
            at += frames;
            PcmChunk out = chunked.process(new PcmChunk(input, samples, frames));
            checkSizes(chunked, frames, out);
            chunkedOut = append(chunkedOut, out);
        }
        chunkedOut = append(chunkedOut, chunked.drain());
        PcmChunk onePiece = whole.process(new PcmChunk(input, signal, totalFrames));
        checkSizes(whole, totalFrames, onePiece);
        short[] wholeOut = append(append(new short[0], onePiece), whole.drain());

        // The stream promise of Resampler: chunk boundaries leave no trace. A boundary may change
        // which unrolled dot product computes a sample (float sums in another order), so the
        // rounded values may differ by one step, never more.
        require(chunkedOut.length == wholeOut.length, chunkedOut.length + " samples in chunks, " + wholeOut.length + " in one piece");
        for (int i = 0; i < wholeOut.length; i++) {
            require(Math.abs(chunkedOut[i] - wholeOut[i]) <= 1, "sample " + i + ": " + chunkedOut[i] + " vs " + wholeOut[i]);
        }
    }

    @FuzzTest(maxDuration = "1m")
    void shouldMixAnyChunkToMonoFrameForFrame(FuzzedDataProvider data) {
        AudioFormat format;
        try {
            format = new AudioFormat(data.consumeInt(), data.consumeInt());
        } catch (IllegalArgumentException refused) {
            return;
        }
        int frames = data.consumeInt();
        boolean silence = data.consumeBoolean();
        // Valid but huge silence would allocate gigabytes on every run; sizes that overflow stay in.
        if (silence && frames > 2 * MAX_CHUNK_FRAMES && (long) frames * format.channels() <= Integer.MAX_VALUE) {
            return;
        }
        PcmChunk chunk;
        try {
            chunk = silence
                    ? PcmChunk.silence(format, frames)
                    : new PcmChunk(format, samples(data, data.consumeInt(0, 2 * MAX_CHUNK_FRAMES)), frames);
        } catch (IllegalArgumentException refused) {
            return;
        }
        PcmChunk mono = chunk.toMono();
        require(mono.format().equals(AudioFormat.mono(format.sampleRateHz())), "mono as " + mono.format());
        require(mono.frames() == chunk.frames(), mono.frames() + " mono frames from " + chunk.frames());
        require(mono.sampleCount() <= mono.samples().length, "more samples than the array holds");
        for (int i = 0; i < mono.frames(); i++) {
            int min = Short.MAX_VALUE;
            int max = Short.MIN_VALUE;
            for (int c = 0; c < format.channels(); c++) {
                short sample = chunk.samples()[i * format.channels() + c];
                min = Math.min(min, sample);
                max = Math.max(max, sample);
            }
            require(mono.samples()[i] >= min && mono.samples()[i] <= max, "frame " + i + " mixed outside its channels");
        }
    }

    @FuzzTest(maxDuration = "1m")
    void shouldBuildToneBurstsOnlyFromValidNumbers(FuzzedDataProvider data) {
        ToneBursts bursts;
        try {
            bursts = new ToneBursts(data.consumeInt(), data.consumeInt(), data.consumeInt(), data.consumeInt());
        } catch (IllegalArgumentException refused) {
            return;
        }
        AudioFormat format = new AudioFormat(rate(data), data.consumeInt(1, 2));
        if (format.channels() != 1) {
            try {
                bursts.chunks(format);
                throw new AssertionError("stereo tone bursts");
            } catch (IllegalArgumentException expected) {
                return;
            }
        }
        // A hundred 5 s bursts are valid, but too long to render on every fuzzer run.
        if ((long) bursts.count() * bursts.periodMs() > 5_000) {
            return;
        }
        List<PcmChunk> chunks = bursts.chunks(format);
        int tenMs = format.framesIn(10);
        long frames = 0;
        for (PcmChunk chunk : chunks) {
            require(chunk.format().equals(format), "a chunk in " + chunk.format());
            require(chunk.frames() <= tenMs && chunk.frames() > 0, "a chunk of " + chunk.frames() + " frames");
            frames += chunk.frames();
        }
        // Burst start to burst start is periodMs, as documented: the bursts fill count periods.
        long expected = (long) bursts.count() * format.framesIn(bursts.periodMs());
        require(frames == expected, frames + " frames for " + bursts + " at " + format + ", expected " + expected);
    }

    private static int rate(FuzzedDataProvider data) {
        return data.consumeBoolean() ? data.pickValue(COMMON_RATES_HZ) : 100 * data.consumeInt(80, 1_920);
    }

    /**
     * Noise of a fuzzed loudness from a fuzzed seed: a few input bytes make a whole signal, so
     * short inputs already exercise the filter (raw samples would need the fuzzer to grow its
     * inputs to kilobytes first).
     */
    private static short[] signal(long seed, int amplitude, int count) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        short[] samples = new short[count];
        for (int i = 0; i < count; i++) {
            samples[i] = (short) random.nextInt(-amplitude, amplitude + 1);
        }
        return samples;
    }

    private static short[] samples(FuzzedDataProvider data, int count) {
        short[] samples = new short[count];
        for (int i = 0; i < count && data.remainingBytes() >= 2; i++) {
            samples[i] = data.consumeShort();
        }
        return samples;
    }

    private static void checkSizes(Resampler resampler, int inputFrames, PcmChunk out) {
        require(out.format().equals(resampler.output()), "output as " + out.format());
        require(out.sampleCount() <= out.samples().length, "more samples than the array holds");
        if (resampler instanceof PolyphaseResampler polyphase) {
            require(out.frames() <= polyphase.maxOutputFrames(inputFrames),
                    out.frames() + " frames from " + inputFrames + ", at most " + polyphase.maxOutputFrames(inputFrames));
        } else {
            require(out.frames() == inputFrames, "a pass-through changed the frame count");
        }
    }

    private static short[] append(short[] samples, PcmChunk chunk) {
        short[] longer = java.util.Arrays.copyOf(samples, samples.length + chunk.sampleCount());
        System.arraycopy(chunk.samples(), 0, longer, samples.length, chunk.sampleCount());
        return longer;
    }

    /** Plain checks, not AssertJ: in a campaign, assertion objects per sample would cost more than the code under test. */
    private static void require(boolean holds, String broken) {
        if (!holds) {
            throw new AssertionError(broken);
        }
    }
}
