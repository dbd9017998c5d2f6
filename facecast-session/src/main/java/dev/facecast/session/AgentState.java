package dev.facecast.session;

import java.util.Locale;

/** What the agent is doing, as the page shows it. */
public enum AgentState {
    /** No reply on its way: the agent waits for the user. */
    LISTENING,
    /** A reply is on its way (brain or synthesis) but not yet heard. */
    THINKING,
    /** A reply is being heard. */
    SPEAKING;

    /** The name the API and the page use: {@code listening}, {@code thinking}, {@code speaking}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
