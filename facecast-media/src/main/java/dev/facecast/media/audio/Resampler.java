package dev.facecast.media.audio;

/**
 * A streaming sample-rate converter between two formats of the same channel count.
 *
 * <p>Stateful: feeding a signal in chunks of any size gives the same output as feeding it
 * in one piece. Call {@link #drain()} at the end of a stream (end of turn) to flush the
 * filter's tail, and {@link #reset()} to drop all state (barge-in). Not thread-safe: one
 * stream, one owner thread.
 */
public interface Resampler {

    AudioFormat input();

    AudioFormat output();

    /** True when formats match and chunks are returned as they are, without a copy. */
    boolean isPassThrough();

    /** Converts the next chunk of the stream. The result may be empty; the input is not kept. */
    PcmChunk process(PcmChunk in);

    /** Flushes the samples still held by the filter and resets the state. */
    PcmChunk drain();

    /** Drops all state, as if newly created. */
    void reset();

    /**
     * The converter for {@code input -> output}: a zero-copy pass-through when they match,
     * else a {@link PolyphaseResampler} with the default quality.
     */
    static Resampler between(AudioFormat input, AudioFormat output) {
        if (input.equals(output)) {
            return new PassThroughResampler(input);
        }
        return new PolyphaseResampler(input, output, PolyphaseResampler.Quality.DEFAULT);
    }
}
