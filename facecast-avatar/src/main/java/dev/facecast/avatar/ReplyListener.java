package dev.facecast.avatar;

/**
 * Told when a reply starts to be heard and when it ends, on the media thread: must be quick
 * and must not block.
 */
public interface ReplyListener {

    /** The reply's first audio was just handed to the output. */
    void onReplyAudible(long replyId, long nowNs);

    /**
     * The reply ended: played to the end, or cut short by {@link AvatarStream#clearThrough}.
     *
     * @param playedMs how much of it was handed to the output
     */
    void onReplyEnded(long replyId, long playedMs, boolean interrupted, long nowNs);

    ReplyListener NONE = new ReplyListener() {
        @Override
        public void onReplyAudible(long replyId, long nowNs) {
        }

        @Override
        public void onReplyEnded(long replyId, long playedMs, boolean interrupted, long nowNs) {
        }
    };
}
