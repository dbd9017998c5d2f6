package dev.facecast.media.agent;

/**
 * Told what the media scheduler sees, on the media thread: must be cheap and must not block
 * (a histogram record, a counter).
 */
public interface SchedulerObserver {

    /** A due agent started its work {@code lagNs} after its deadline. */
    void onLag(long lagNs);

    /** An agent threw and was removed. */
    default void onAgentFailed(MediaAgent agent, Throwable failure) {
    }

    SchedulerObserver NONE = lagNs -> { };
}
