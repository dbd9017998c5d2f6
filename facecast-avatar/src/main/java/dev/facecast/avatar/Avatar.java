package dev.facecast.avatar;

/**
 * A kind of avatar: a face for each session, driven by the session's speech. Thread-safe.
 * A vendor implements {@link #open}: the local sprite head draws in process; a hosted avatar
 * sends the speech away and plays back what comes back.
 */
public interface Avatar extends AutoCloseable {

    /** A short name for logs and metrics, such as {@code sprite}. */
    String name();

    /**
     * Opens one session's face.
     *
     * @param replies told when a reply starts to be heard and when it ends, on the media thread
     */
    AvatarStream open(AvatarOptions options, ReplyListener replies);

    /** Releases what the faces share; idempotent. */
    @Override
    default void close() {
    }
}
