package dev.facecast.session;

import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/** Where a reply's sentences come from: called on the session's speech thread, it streams them out. */
@FunctionalInterface
public interface ReplySource {

    /**
     * @param sentences each sentence, as soon as it exists: it is spoken at once
     * @param cancelled true once the reply was cut (barge-in, close): stop early
     */
    void produce(Consumer<String> sentences, BooleanSupplier cancelled);
}
