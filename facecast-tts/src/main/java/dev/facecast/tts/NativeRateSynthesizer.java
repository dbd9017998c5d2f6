package dev.facecast.tts;

import dev.facecast.media.audio.AudioFormat;
import dev.facecast.media.audio.Resampler;
import dev.facecast.provider.Call;
import dev.facecast.provider.CallRunner;
import dev.facecast.provider.ProviderMeters;
import dev.facecast.provider.ProviderPolicy;

import java.util.function.BooleanSupplier;

/**
 * The base of every TTS engine: an engine implements {@link #synthesizeNative} and this class
 * owns the rest. It inserts a streaming resampler only when the consumer asked for another
 * rate (and drains it at the end); runs each synthesis under the policy's deadlines, retrying
 * with backoff while no audio reached the consumer; maps failures to {@link TtsException}s
 * with an error kind; ends syntheses on close; and meters time to first audio.
 *
 * <p>Threading: syntheses run on their callers' threads, any number at once; the engine
 * decides how many it really runs together.
 */
public abstract class NativeRateSynthesizer implements SpeechSynthesizer {

    private final String name;
    private final AudioFormat nativeFormat;
    private final CallRunner runner;

    protected NativeRateSynthesizer(String name, AudioFormat nativeFormat, ProviderPolicy policy) {
        this.name = name;
        this.nativeFormat = nativeFormat;
        this.runner = new CallRunner(name, policy, TtsException.class, TtsException::new);
    }

    /**
     * Speaks {@code text} (never blank) in {@link #nativeFormat()} into {@code sink}, the one
     * method an engine implements. Stop when {@code call} turns true; report
     * {@link Call#connected()} once the engine is reached (a voice borrowed, a response begun);
     * register what a blocked read waits on with {@link Call#closeOnAbort}. Throw a
     * {@link TtsException} with a kind when the kind is known; other exceptions are classified.
     */
    protected abstract void synthesizeNative(String text, SpeechSink sink, Call call) throws Throwable;

    /**
     * Speaks {@code text} in {@code format}, which {@link #formatFor} chose. Engines that make
     * several rates (a cloud TTS asked for a sample rate) override this; the rest make their
     * native format through {@link #synthesizeNative(String, SpeechSink, Call)}.
     */
    protected void synthesizeNative(String text, AudioFormat format, SpeechSink sink, Call call) throws Throwable {
        synthesizeNative(text, sink, call);
    }

    /**
     * The format the engine makes when {@code output} is asked for: its native format unless
     * it can make {@code output} itself, in which case no resampler is made.
     */
    protected AudioFormat formatFor(AudioFormat output) {
        return nativeFormat;
    }

    /** Releases the engine, once, after syntheses in progress were ended. Nothing by default. */
    protected void releaseEngine() {
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final AudioFormat nativeFormat() {
        return nativeFormat;
    }

    @Override
    public final ProviderMeters meters() {
        return runner.meters();
    }

    @Override
    public final boolean resamplesFor(AudioFormat output) {
        return !formatFor(output).equals(output);
    }

    @Override
    public final void synthesize(String text, AudioFormat output, SpeechSink sink, BooleanSupplier cancelled) {
        if (text == null || text.isBlank()) {
            return;
        }
        AudioFormat made = formatFor(output);
        runner.call(cancelled, call -> {
            // per attempt: a retry starts from a clean filter (it only happens before any audio went out)
            DeliveringSink target = new DeliveringSink(call, Resampler.between(made, output), sink);
            synthesizeNative(text, made, target, call);
            target.drain();
            return null;
        });
    }

    /** True once {@link #close()} began: an engine gives back, rather than pools, what it frees after. */
    protected final boolean isClosed() {
        return runner.isClosed();
    }

    @Override
    public final void close() {
        if (runner.close()) {
            releaseEngine();
        }
    }
}
