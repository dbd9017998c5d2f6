package dev.facecast.brain;

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
public interface Brain {

    /** A short name for logs, such as {@code rules} or the model's name. */
    String name();

    /**
     * Replies to the last user turn of {@code history}.
     *
     * @param sentences receives each complete sentence as soon as it is known
     * @param cancelled polled while streaming; when true, the reply stops (barge-in)
     * @throws BrainException when the reply cannot be made (the caller speaks an apology)
     */
    void reply(List<ChatTurn> history, Consumer<String> sentences, BooleanSupplier cancelled);
}
