package dev.facecast.avatar;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link ReplyListener} that writes down what it is told: "audible 1", "ended 1 after 300 ms", "interrupted 1 after 200 ms". */
public final class RecordedReplies implements ReplyListener {

    private final List<String> events = new CopyOnWriteArrayList<>();
    private final Map<Long, Long> audibleAtNs = new ConcurrentHashMap<>();

    @Override
    public void onReplyAudible(long replyId, long nowNs) {
        events.add("audible " + replyId);
        audibleAtNs.put(replyId, nowNs);
    }

    @Override
    public void onReplyEnded(long replyId, long playedMs, boolean interrupted, long nowNs) {
        events.add((interrupted ? "interrupted " : "ended ") + replyId + " after " + playedMs + " ms");
    }

    public List<String> events() {
        return List.copyOf(events);
    }

    /** When the reply became audible, on the caller's clock. */
    public long audibleAtNs(long replyId) {
        return audibleAtNs.get(replyId);
    }
}
