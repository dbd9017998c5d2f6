package dev.facecast.media.agent;

/**
 * Media work run in duty cycles by a {@link MediaRunner}: read the time the runner passes in,
 * do what is due, return how much was done. Must not block, wait for I/O or sleep.
 *
 * <p>Threading: all methods are called on the one media thread that owns the agent.
 */
public interface MediaAgent {

    /**
     * @param nowNs the runner's clock, read once for this cycle
     * @return units of work done (0 when nothing was due)
     */
    int doWork(long nowNs);

    /** When this agent next has work due, on the runner's clock. */
    long nextDeadlineNs();

    /** A short name for logs and thread dumps, such as {@code session-3f2a}. */
    String roleName();

    /** Called once on the media thread after the agent was removed or failed. */
    default void onClose() {
    }
}
