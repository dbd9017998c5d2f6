package dev.facecast.session;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** The turns of one conversation, in order, and who wants to hear of each new one. Thread-safe. */
public final class Transcript {

    private final List<TranscriptTurn> turns = new CopyOnWriteArrayList<>();
    private final List<Consumer<TranscriptTurn>> listeners = new CopyOnWriteArrayList<>();

    void add(TranscriptTurn turn) {
        turns.add(turn);
        listeners.forEach(listener -> listener.accept(turn));
    }

    public List<TranscriptTurn> turns() {
        return List.copyOf(turns);
    }

    /** Told of every new turn, on the thread that adds it: must be quick. */
    public void onTurn(Consumer<TranscriptTurn> listener) {
        listeners.add(listener);
    }
}
