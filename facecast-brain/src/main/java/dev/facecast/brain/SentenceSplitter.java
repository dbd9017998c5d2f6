package dev.facecast.brain;

import java.util.function.Consumer;

/**
 * Cuts streamed text into sentences at '.', '!' or '?' followed by a space (so "3.5" and
 * "e.g." in the middle of a token stream do not cut), handing each on as soon as it ends.
 * Not thread-safe.
 */
public final class SentenceSplitter {

    private final Consumer<String> sentences;
    private final StringBuilder pending = new StringBuilder();

    SentenceSplitter(Consumer<String> sentences) {
        this.sentences = sentences;
    }

    /** Hands on each sentence of a whole text, in order. */
    public static void split(String text, Consumer<String> sentences) {
        SentenceSplitter splitter = new SentenceSplitter(sentences);
        splitter.accept(text);
        splitter.finish();
    }

    void accept(String text) {
        pending.append(text);
        int start = 0;
        for (int i = 0; i + 1 < pending.length(); i++) {
            char c = pending.charAt(i);
            if ((c == '.' || c == '!' || c == '?') && Character.isWhitespace(pending.charAt(i + 1))) {
                emit(pending.substring(start, i + 1));
                start = i + 1;
            }
        }
        pending.delete(0, start);
    }

    /** The end of the stream: whatever is left is the last sentence. */
    void finish() {
        emit(pending.toString());
        pending.setLength(0);
    }

    private void emit(String sentence) {
        String trimmed = sentence.strip();
        if (!trimmed.isEmpty()) {
            sentences.accept(trimmed);
        }
    }
}
