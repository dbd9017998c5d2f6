package dev.facecast.brain;

import dev.facecast.provider.ProviderMeters;

import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Decides what the agent says. Replies stream sentence by sentence, so speech can start
 * after the first sentence instead of the whole reply.
 *
 * <p>Threading: {@link #reply} blocks; call it on a conversation (virtual) thread.
 * Implementations are thread-safe.
 */
public interface Brain extends AutoCloseable {

    /** A short name for logs, such as {@code rules} or the model's name. */
    String name();

    /**
     * Replies to the last user turn of {@code history}. Returns quietly when cancelled or
     * when the brain is closed meanwhile.
     *
     * @param sentences receives each complete sentence as soon as it is known
     * @param cancelled polled while streaming and by a watchdog while the brain waits, so it
     *                  must be safe to call from any thread; when true, the reply stops (barge-in)
     * @throws BrainException when the reply cannot be made (the caller speaks an apology), with
     *                        the {@link dev.facecast.provider.ErrorKind} of the failure
     */
    void reply(List<ChatTurn> history, Consumer<String> sentences, BooleanSupplier cancelled);

    /** Replies, failures and time to first sentence; brains not built on {@link StreamingBrain} count nothing. */
    default ProviderMeters meters() {
        return new ProviderMeters(name());
    }

    /** Ends replies in progress (they return quietly) and refuses new ones. Idempotent; nothing to do by default. */
    @Override
    default void close() {
    }
}
