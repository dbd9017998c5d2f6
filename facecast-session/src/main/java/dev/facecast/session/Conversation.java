package dev.facecast.session;

import dev.facecast.brain.Brain;
import dev.facecast.brain.BrainException;
import dev.facecast.brain.ChatTurn;
import dev.facecast.media.audio.PcmChunk;
import dev.facecast.media.clock.NanoClock;
import dev.facecast.session.ConversationEvent.CancelReplies;
import dev.facecast.session.ConversationEvent.MicChunk;
import dev.facecast.session.ConversationEvent.ReplyAudible;
import dev.facecast.session.ConversationEvent.ReplyEnded;
import dev.facecast.session.ConversationEvent.ReplySentence;
import dev.facecast.session.ConversationEvent.Say;
import dev.facecast.session.ConversationEvent.Stop;
import dev.facecast.session.ConversationEvent.UserText;
import dev.facecast.stt.SpeechToText;
import dev.facecast.stt.TranscriptListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongFunction;

/**
 * A session's conversation: the user's microphone through the recogniser, their typed text,
 * the brain's replies spoken by the session, barge-in, and the transcript.
 *
 * <p>Threading: every input is a {@link ConversationEvent} on one bounded queue, consumed by
 * one thread that owns every field below without locks and reads time only from the injected
 * clock (the media runner's, so the media thread's timestamps compare with ours). Producers
 * never wait long: a full queue drops microphone chunks (counted), while typed text and reply
 * events wait for room kept for them. Reply events from the media thread are one offer each.
 */
public final class Conversation implements AutoCloseable, ReplyListener {

    private static final Logger log = LoggerFactory.getLogger(Conversation.class);
    static final String APOLOGY = "Sorry, I lost my train of thought. Could you say that again?";
    /** The brain sees this many latest turns: enough context, bounded prompts in long sessions. */
    static final int HISTORY_TURNS = 20;
    /** About two seconds of 10 ms microphone chunks, plus room kept for every other event. */
    static final int QUEUE_EVENTS = 256;
    static final int ROOM_KEPT_FOR_OTHER_EVENTS = 56;
    private static final long OFFER_WAIT_MS = 2_000;

    private final String sessionId;
    private final Brain brain;
    private final Speaker speaker;
    private final NanoClock clock;
    private final HandoffCounters counters;
    private final java.util.concurrent.ArrayBlockingQueue<ConversationEvent> events =
            new java.util.concurrent.ArrayBlockingQueue<>(QUEUE_EVENTS);
    private final Listening listening;
    private final long createdAtNs;
    private final Transcript transcript = new Transcript();
    private final List<Long> turnLatenciesMs = new CopyOnWriteArrayList<>();
    private final List<Long> interruptionReactionsMs = new CopyOnWriteArrayList<>();
    private volatile AgentState publishedState = AgentState.LISTENING;
    private volatile Consumer<AgentState> stateListener = state -> { };
    private volatile Thread thread;
    private volatile boolean closed;

    // owned by the conversation thread
    private final Map<Long, PendingReply> pending = new LinkedHashMap<>();
    private final List<ChatTurn> history = new ArrayList<>();
    private long lastReplyId;
    private long audibleReplyId;
    private long bargeInAtNs;
    private long utteranceStartMs = -1;

    /** One reply on its way: what it says, and what it answers. */
    private static final class PendingReply {
        final long userEndNs;
        final StringBuilder text = new StringBuilder();
        long audibleAtMs = -1;

        PendingReply(long userEndNs) {
            this.userEndNs = userEndNs;
        }
    }

    /**
     * @param stt the recogniser, or null for a text-only conversation
     */
    Conversation(String sessionId, Brain brain, SpeechToText stt, Speaker speaker, NanoClock clock,
                 HandoffCounters counters) {
        this.sessionId = sessionId;
        this.brain = brain;
        this.speaker = speaker;
        this.clock = clock;
        this.counters = counters;
        this.createdAtNs = clock.nanoTime();
        this.listening = stt == null ? null : new Listening(stt, new Recognition());
    }

    /** Starts the conversation's thread. */
    void start(ThreadFactory threads) {
        thread = threads.newThread(this::run);
        thread.start();
    }

    public Transcript transcript() {
        return transcript;
    }

    public AgentState state() {
        return publishedState;
    }

    /** Told of every state change, on the conversation thread: must be quick. */
    public void onStateChange(Consumer<AgentState> listener) {
        this.stateListener = listener;
    }

    /** Microphone audio, on a libwebrtc thread: never blocks; dropped and counted when the queue is full. */
    public void onMicrophone(PcmChunk chunk) {
        if (closed || listening == null) {
            return;
        }
        // Chunks may fill the queue only up to the room kept for the events that must not be lost.
        if (events.remainingCapacity() <= ROOM_KEPT_FOR_OTHER_EVENTS || !events.offer(new MicChunk(chunk))) {
            counters.micChunkDropped();
        }
    }

    /** Text the user typed: a whole user turn at once. Waits for room in the queue. */
    public void onUserText(String text) {
        post(new UserText(text, clock.nanoTime()));
    }

    /** Speaks {@code text} as the agent (no user turn before it); it joins the transcript. */
    public void say(String text) {
        post(new Say(text));
    }

    /** Cuts the reply being heard and every reply on its way. */
    public void cancelReplies() {
        post(new CancelReplies(clock.nanoTime()));
    }

    @Override
    public void onReplyAudible(long replyId, long nowNs) {
        post(new ReplyAudible(replyId, nowNs));
    }

    @Override
    public void onReplyEnded(long replyId, long playedMs, boolean interrupted, long nowNs) {
        post(new ReplyEnded(replyId, playedMs, interrupted, nowNs));
    }

    public ConversationStats stats() {
        return new ConversationStats(List.copyOf(turnLatenciesMs), List.copyOf(interruptionReactionsMs),
                listening == null ? 0 : listening.realTimeFactor(), counters.micChunksDropped(),
                listening == null ? 0 : listening.resamplersActive());
    }

    /** Stops the thread after the events before this call, and waits for it briefly. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        Thread running = thread;
        if (!events.offer(new Stop()) && running != null) {
            running.interrupt();
        }
        if (running != null) {
            try {
                if (!running.join(java.time.Duration.ofSeconds(2))) {
                    running.interrupt();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Handles the queued events on the calling thread; for tests that run no conversation thread.
     *
     * @return events handled
     */
    int handleQueued() {
        int handled = 0;
        for (ConversationEvent event; (event = events.poll()) != null && !(event instanceof Stop); handled++) {
            handle(event);
        }
        return handled;
    }

    private void run() {
        try {
            for (ConversationEvent event = events.take(); !(event instanceof Stop); event = events.take()) {
                try {
                    handle(event);
                } catch (RuntimeException e) {
                    log.error("session {}: the conversation failed on {}", sessionId, event.getClass().getSimpleName(), e);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (listening != null) {
                listening.close();
            }
        }
    }

    private void post(ConversationEvent event) {
        try {
            if (!events.offer(event, OFFER_WAIT_MS, TimeUnit.MILLISECONDS)) {
                counters.eventDropped();
                log.warn("session {}: the conversation is stuck; dropped {}", sessionId, event.getClass().getSimpleName());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handle(ConversationEvent event) {
        switch (event) {
            case MicChunk mic -> {
                if (listening.accept(mic.chunk())) {
                    bargeIn(clock.nanoTime());
                }
            }
            case UserText typed -> userTurn(typed.text(), sinceCreatedMs(typed.atNs()), typed.atNs());
            case Say say -> startReply(0, say.text(), replyId -> (sentences, cancelled) -> sentences.accept(say.text()));
            case ReplySentence sentence -> {
                PendingReply reply = pending.get(sentence.replyId());
                if (reply != null) {
                    reply.text.append(sentence.text()).append(' ');
                }
            }
            case ReplyAudible audible -> replyAudible(audible.replyId(), audible.atNs());
            case ReplyEnded ended -> replyEnded(ended);
            case CancelReplies cancel -> cancelReplies(cancel.atNs());
            case Stop stop -> throw new IllegalStateException("Stop is handled by the loop");
        }
        publishState();
    }

    private void userTurn(String text, long startMs, long endNs) {
        transcript.add(new TranscriptTurn("user", text, startMs, sinceCreatedMs(endNs), false, 0));
        history.add(ChatTurn.user(text));
        List<ChatTurn> context = List.copyOf(history.subList(Math.max(0, history.size() - HISTORY_TURNS), history.size()));
        startReply(endNs, null, replyId -> (sentences, cancelled) -> {
            // On the speech thread: each sentence goes to the voice and, as an event, to the transcript.
            Consumer<String> spoken = sentence -> {
                post(new ReplySentence(replyId, sentence));
                sentences.accept(sentence);
            };
            try {
                brain.reply(context, spoken, cancelled);
            } catch (BrainException e) {
                log.warn("session {}: {} could not reply: {}", sessionId, brain.name(), e.getMessage());
                spoken.accept(APOLOGY);
            }
        });
    }

    /** @param knownText the whole reply when known now (say); null when it streams in as sentences */
    private void startReply(long userEndNs, String knownText, LongFunction<ReplySource> sourceForReplyId) {
        long replyId = ++lastReplyId;
        ReplySource source = sourceForReplyId.apply(replyId);
        PendingReply reply = new PendingReply(userEndNs);
        if (knownText != null) {
            reply.text.append(knownText);
        }
        pending.put(replyId, reply);
        speaker.speak(replyId, source);
    }

    private void replyAudible(long replyId, long atNs) {
        PendingReply reply = pending.get(replyId);
        if (reply == null) {
            return; // cut before it was heard, and settled then
        }
        audibleReplyId = replyId;
        bargeInAtNs = 0;
        if (listening != null) {
            listening.replyAudible();
        }
        reply.audibleAtMs = sinceCreatedMs(atNs);
        if (reply.userEndNs > 0) {
            turnLatenciesMs.add((atNs - reply.userEndNs) / 1_000_000L);
        }
    }

    private void replyEnded(ReplyEnded ended) {
        if (audibleReplyId == ended.replyId()) {
            audibleReplyId = 0;
            if (ended.interrupted() && bargeInAtNs > 0) {
                interruptionReactionsMs.add((ended.atNs() - bargeInAtNs) / 1_000_000L);
            }
            bargeInAtNs = 0;
        }
        PendingReply reply = pending.remove(ended.replyId());
        if (reply != null) {
            long endMs = sinceCreatedMs(ended.atNs());
            settle(reply, reply.audibleAtMs >= 0 ? reply.audibleAtMs : endMs, endMs, ended.interrupted(), ended.playedMs());
        }
    }

    /** The user speaks while the agent does: stop the agent, once per reply. */
    private void bargeIn(long nowNs) {
        if (audibleReplyId != 0 && bargeInAtNs == 0) {
            bargeInAtNs = nowNs;
            cancelReplies(nowNs);
        }
    }

    /**
     * Cuts every reply so far. The one being heard is settled when the media thread reports
     * how much of it was played; the others were never heard and are settled now.
     */
    private void cancelReplies(long nowNs) {
        speaker.cancelUpTo(lastReplyId);
        long nowMs = sinceCreatedMs(nowNs);
        pending.entrySet().removeIf(entry -> {
            if (entry.getKey() == audibleReplyId) {
                return false;
            }
            settle(entry.getValue(), nowMs, nowMs, true, 0);
            return true;
        });
    }

    private void settle(PendingReply reply, long startMs, long endMs, boolean interrupted, long playedMs) {
        String text = reply.text.toString().strip();
        if (text.isEmpty()) {
            return;
        }
        history.add(ChatTurn.assistant(text));
        transcript.add(new TranscriptTurn("agent", text, startMs, endMs, interrupted, playedMs));
    }

    private void publishState() {
        AgentState state = audibleReplyId != 0 ? AgentState.SPEAKING
                : pending.isEmpty() ? AgentState.LISTENING : AgentState.THINKING;
        if (state != publishedState) {
            publishedState = state;
            stateListener.accept(state);
        }
    }

    private long sinceCreatedMs(long nowNs) {
        return (nowNs - createdAtNs) / 1_000_000L;
    }

    /** The recogniser's results, on the conversation thread (it calls back from {@link Listening#accept}). */
    private final class Recognition implements TranscriptListener {
        @Override
        public void onPartial(String text) {
            long nowNs = clock.nanoTime();
            if (utteranceStartMs < 0) {
                utteranceStartMs = sinceCreatedMs(nowNs);
            }
            // Words heard while the agent speaks: a barge-in, if the voice detector has not already caught it.
            bargeIn(nowNs);
        }

        @Override
        public void onFinal(String text, long endMs) {
            long nowNs = clock.nanoTime();
            long startMs = utteranceStartMs >= 0 ? utteranceStartMs : sinceCreatedMs(nowNs);
            utteranceStartMs = -1;
            userTurn(text, startMs, nowNs);
        }
    }
}
