package dev.facecast.tts.inworld;

import java.util.ArrayList;
import java.util.List;

/** Text cut to fit Inworld's {@code send_text} limit (1,000 characters), at spaces where it can be. */
final class TextPieces {

    static final int MAX_SEND_TEXT_CHARS = 1_000;

    private TextPieces() {
    }

    static List<String> split(String text, int maxChars) {
        List<String> pieces = new ArrayList<>();
        int at = 0;
        while (text.length() - at > maxChars) {
            int cut = text.lastIndexOf(' ', at + maxChars);
            if (cut <= at) {
                cut = at + maxChars; // one long word: cut it
            }
            pieces.add(text.substring(at, cut));
            at = cut;
        }
        pieces.add(text.substring(at));
        return pieces;
    }
}
