package dev.facecast.brain;

import dev.facecast.provider.Call;
import dev.facecast.provider.CallRunner;
import dev.facecast.provider.ProviderMeters;
import dev.facecast.provider.ProviderPolicy;

import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The base of every brain: a vendor implements {@link #stream} and this class owns the rest.
 * It cuts the streamed text into sentences; runs each reply under the policy's deadlines,
 * where every piece of text restarts the between-outputs deadline, so a stream that stalls
 * fails with a timeout; retries with backoff while no sentence reached the consumer; maps
 * failures to {@link BrainException}s with an error kind; ends replies on close; and meters
 * time to first sentence.
 *
 * <p>Threading: replies run on their callers' threads, any number at once.
 */
public abstract class StreamingBrain implements Brain {

    private final String name;
    private final CallRunner runner;

    protected StreamingBrain(String name, ProviderPolicy policy) {
        this.name = name;
        this.runner = new CallRunner(name, policy, BrainException.class, BrainException::new);
    }

    /**
     * Streams the reply to the last user turn of {@code history} as pieces of text of any size
     * (tokens, sentences with a trailing space), the one method a vendor implements. Stop when
     * {@code call} turns true; report {@link Call#connected()} once the response begins;
     * register what a blocked read waits on with {@link Call#closeOnAbort}. Throw a
     * {@link BrainException} with a kind when the kind is known; other exceptions are classified.
     */
    protected abstract void stream(List<ChatTurn> history, Consumer<String> text, Call call) throws Throwable;

    /** Releases what the brain holds, once, after replies in progress were ended. Nothing by default. */
    protected void releaseEngine() {
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final ProviderMeters meters() {
        return runner.meters();
    }

    @Override
    public final void reply(List<ChatTurn> history, Consumer<String> sentences, BooleanSupplier cancelled) {
        runner.call(cancelled, call -> {
            // per attempt: a retry starts from no text (it only happens before any sentence went out)
            SentenceSplitter splitter = new SentenceSplitter(sentence -> call.deliver(sentences, sentence));
            stream(history, piece -> {
                if (call.progress()) {
                    splitter.accept(piece);
                }
            }, call);
            if (!call.getAsBoolean()) {
                splitter.finish();
            }
            return null;
        });
    }

    @Override
    public final void close() {
        if (runner.close()) {
            releaseEngine();
        }
    }
}
