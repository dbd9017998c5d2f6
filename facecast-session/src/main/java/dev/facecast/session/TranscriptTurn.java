package dev.facecast.session;

/**
 * One turn of the conversation, times in ms from the session's creation.
 *
 * @param role        {@code user} or {@code agent}
 * @param interrupted an agent turn cut short by the user speaking
 * @param playedMs    for an agent turn, how much of its speech was played
 */
public record TranscriptTurn(String role, String text, long startMs, long endMs, boolean interrupted, long playedMs) {
}
