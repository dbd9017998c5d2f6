package dev.facecast.session;

import dev.facecast.brain.ChatTurn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The book of a conversation's turns: replies on their way, the one being heard, what each
 * said, the transcript and the brain's history, and the latencies measured on the way.
 * Replies are numbered in order; every reply is settled exactly once, whether it played out,
 * was cut while heard, or was cut before it was ever heard.
 *
 * <p>Threading: the conversation thread owns it; {@link #transcript()} and the latency lists
 * are safe to read from any thread.
 */
final class Replies {

    /** The brain sees this many latest turns: enough context, bounded prompts in long sessions. */
    static final int HISTORY_TURNS = 20;

    /** One reply on its way: what it says, and what it answers. */
    private static final class PendingReply {
        final long userEndNs;
        final StringBuilder text = new StringBuilder();
        long audibleAtMs = -1;

        PendingReply(long userEndNs) {
            this.userEndNs = userEndNs;
        }
    }

    private final long createdAtNs;
    private final Transcript transcript = new Transcript();
    private final List<Long> turnLatenciesMs = new CopyOnWriteArrayList<>();
    private final List<Long> interruptionReactionsMs = new CopyOnWriteArrayList<>();
    private final Map<Long, PendingReply> pending = new LinkedHashMap<>();
    private final List<ChatTurn> history = new ArrayList<>();
    private long lastReplyId;
    private long audibleReplyId;
    private long bargeInAtNs;

    /** @param createdAtNs the conversation's start on its clock: transcript times count from here */
    Replies(long createdAtNs) {
        this.createdAtNs = createdAtNs;
    }

    Transcript transcript() {
        return transcript;
    }

    List<Long> turnLatenciesMs() {
        return List.copyOf(turnLatenciesMs);
    }

    List<Long> interruptionReactionsMs() {
        return List.copyOf(interruptionReactionsMs);
    }

    /** Records the user's turn; returns the latest turns for the brain, this one last. */
    List<ChatTurn> userTurn(String text, long startMs, long endNs) {
        transcript.add(new TranscriptTurn("user", text, startMs, sinceCreatedMs(endNs), false, 0));
        history.add(ChatTurn.user(text));
        return List.copyOf(history.subList(Math.max(0, history.size() - HISTORY_TURNS), history.size()));
    }

    /**
     * Opens the next reply and returns its number.
     *
     * @param userEndNs when the turn it answers ended, for the turn latency; 0 when it answers none
     * @param knownText the whole reply when known now; null when it streams in as sentences
     */
    long open(long userEndNs, String knownText) {
        PendingReply reply = new PendingReply(userEndNs);
        if (knownText != null) {
            reply.text.append(knownText);
        }
        pending.put(++lastReplyId, reply);
        return lastReplyId;
    }

    long lastReplyId() {
        return lastReplyId;
    }

    void sentence(long replyId, String text) {
        PendingReply reply = pending.get(replyId);
        if (reply != null) {
            reply.text.append(text).append(' ');
        }
    }

    /** The reply's first audio was heard; false when it had been cut (and settled) already. */
    boolean audible(long replyId, long atNs) {
        PendingReply reply = pending.get(replyId);
        if (reply == null) {
            return false;
        }
        audibleReplyId = replyId;
        bargeInAtNs = 0;
        reply.audibleAtMs = sinceCreatedMs(atNs);
        if (reply.userEndNs > 0) {
            turnLatenciesMs.add((atNs - reply.userEndNs) / 1_000_000L);
        }
        return true;
    }

    void ended(long replyId, long playedMs, boolean interrupted, long atNs) {
        if (audibleReplyId == replyId) {
            audibleReplyId = 0;
            if (interrupted && bargeInAtNs > 0) {
                interruptionReactionsMs.add((atNs - bargeInAtNs) / 1_000_000L);
            }
            bargeInAtNs = 0;
        }
        PendingReply reply = pending.remove(replyId);
        if (reply != null) {
            long endMs = sinceCreatedMs(atNs);
            settle(reply, reply.audibleAtMs >= 0 ? reply.audibleAtMs : endMs, endMs, interrupted, playedMs);
        }
    }

    /** The user speaks: true when that should cut a reply being heard (once per reply). */
    boolean bargeIn(long nowNs) {
        if (audibleReplyId == 0 || bargeInAtNs != 0) {
            return false;
        }
        bargeInAtNs = nowNs;
        return true;
    }

    /**
     * Cuts every reply so far. The one being heard is settled when the media thread reports
     * how much of it was played; the others were never heard and are settled now.
     */
    void cutAll(long nowNs) {
        long nowMs = sinceCreatedMs(nowNs);
        pending.entrySet().removeIf(entry -> {
            if (entry.getKey() == audibleReplyId) {
                return false;
            }
            settle(entry.getValue(), nowMs, nowMs, true, 0);
            return true;
        });
    }

    AgentState state() {
        return audibleReplyId != 0 ? AgentState.SPEAKING : pending.isEmpty() ? AgentState.LISTENING : AgentState.THINKING;
    }

    long sinceCreatedMs(long nowNs) {
        return (nowNs - createdAtNs) / 1_000_000L;
    }

    private void settle(PendingReply reply, long startMs, long endMs, boolean interrupted, long playedMs) {
        String text = reply.text.toString().strip();
        if (text.isEmpty()) {
            return;
        }
        history.add(ChatTurn.assistant(text));
        transcript.add(new TranscriptTurn("agent", text, startMs, endMs, interrupted, playedMs));
    }
}
