package dev.facecast.brain;

/**
 * One message of the conversation so far.
 *
 * @param role {@code user} or {@code assistant}
 * @param text what was said (for an interrupted reply, what was actually heard)
 */
public record ChatTurn(String role, String text) {

    public static ChatTurn user(String text) {
        return new ChatTurn("user", text);
    }

    public static ChatTurn assistant(String text) {
        return new ChatTurn("assistant", text);
    }
}
