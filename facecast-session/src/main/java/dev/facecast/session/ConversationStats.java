package dev.facecast.session;

import java.util.List;

/**
 * What a conversation measured.
 *
 * @param turnLatenciesMs         user end of speech (the recogniser's endpoint) to the reply's first audio pushed
 * @param interruptionReactionsMs user speech heard during a reply to that reply stopped on the media thread
 * @param sttRealTimeFactor       recogniser time over audio time
 * @param micChunksDropped        microphone chunks dropped because the recogniser fell behind
 * @param resamplersActive        resamplers on the input path (microphone to recogniser)
 */
public record ConversationStats(List<Long> turnLatenciesMs, List<Long> interruptionReactionsMs, double sttRealTimeFactor,
                                long micChunksDropped, int resamplersActive) {
}
