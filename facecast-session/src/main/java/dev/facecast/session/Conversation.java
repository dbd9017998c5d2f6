package dev.facecast.session;

import dev.facecast.avatar.ReplyListener;
import dev.facecast.brain.Brain;
import dev.facecast.brain.BrainException;
import dev.facecast.brain.ChatTurn;
import dev.facecast.brain.SentenceSplitter;
import dev.facecast.media.audio.PcmChunk;
import dev.facecast.media.clock.NanoClock;
import dev.facecast.session.ConversationEvent.CancelReplies;
import dev.facecast.session.ConversationEvent.MicChunk;
import dev.facecast.session.ConversationEvent.PlayAudio;
import dev.facecast.session.ConversationEvent.ReplyAudible;
import dev.facecast.session.ConversationEvent.ReplyEnded;
import dev.facecast.session.ConversationEvent.ReplySentence;
import dev.facecast.session.ConversationEvent.Say;
import dev.facecast.session.ConversationEvent.UserText;
import dev.facecast.stt.SpeechToText;
import dev.facecast.stt.TranscriptListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.time.Duration;
import java.util.function.Consumer;

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
    static final int HISTORY_TURNS = Replies.HISTORY_TURNS;
    /** About two seconds of 10 ms microphone chunks, plus room kept for every other event. */
    static final int QUEUE_EVENTS = 256;
    static final int ROOM_KEPT_FOR_OTHER_EVENTS = 56;
    private static final Duration OFFER_WAIT = Duration.ofSeconds(2);

    private final String sessionId;
    private final Brain brain;
    /** Set once before the first event is handled: the avatar it speaks to listens to this conversation. */
    private Speaker speaker;
    private final NanoClock clock;
    private final HandoffCounters counters;
    private final EventLoop<ConversationEvent> events;
    private final Listening listening;
    private final Replies replies;
    private volatile AgentState publishedState = AgentState.LISTENING;
    private volatile Consumer<AgentState> stateListener = state -> { };

    // owned by the conversation thread
    private long utteranceStartMs = -1;

    /**
     * @param stt                the recogniser, or null for a text-only conversation
     * @param endOfTurnSilenceMs silence after speech that ends the user's turn before the recogniser's endpoint; 0: off
     */
    Conversation(String sessionId, Brain brain, SpeechToText stt, long endOfTurnSilenceMs, NanoClock clock,
                 HandoffCounters counters) {
        this.sessionId = sessionId;
        this.brain = brain;
        this.clock = clock;
        this.counters = counters;
        this.replies = new Replies(clock.nanoTime());
        this.listening = stt == null ? null : new Listening(stt, new Recognition(), endOfTurnSilenceMs);
        this.events = new EventLoop<>("session " + sessionId + " conversation", QUEUE_EVENTS, ROOM_KEPT_FOR_OTHER_EVENTS,
                OFFER_WAIT, this::handle, counters::eventDropped);
    }

    /** Where replies go; call once, before {@link #start} (or before handling events, in tests). */
    void speakWith(Speaker replySpeaker) {
        this.speaker = replySpeaker;
    }

    /** Starts the conversation's thread. */
    void start(ThreadFactory threads) {
        events.start(threads, () -> {
            if (listening != null) {
                listening.close();
            }
        });
    }

    public Transcript transcript() {
        return replies.transcript();
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
        if (listening != null && !events.offerDroppable(new MicChunk(chunk))) {
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

    /** Plays {@code audio} (in the session's speech format, its avatar's input) as a reply with no words, after what is queued. */
    public void play(List<PcmChunk> audio) {
        post(new PlayAudio(audio));
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
        return new ConversationStats(replies.turnLatenciesMs(), replies.interruptionReactionsMs(),
                listening == null ? 0 : listening.realTimeFactor(), counters.micChunksDropped(),
                listening == null ? 0 : listening.resamplersActive());
    }

    /** Stops the thread after the events before this call, and waits for it briefly. */
    @Override
    public void close() {
        events.close();
    }

    /** Handles the queued events on the calling thread; for tests that run no conversation thread. */
    int handleQueued() {
        return events.handleQueued();
    }

    private void post(ConversationEvent event) {
        events.post(event);
    }

    private void handle(ConversationEvent event) {
        switch (event) {
            case MicChunk mic -> {
                if (listening.accept(mic.chunk())) {
                    bargeIn(clock.nanoTime());
                }
            }
            case UserText typed -> userTurn(typed.text(), replies.sinceCreatedMs(typed.atNs()), typed.atNs());
            // Sentence by sentence, so the first is heard while the rest is synthesised.
            case Say say -> speaker.speak(replies.open(0, say.text()),
                    (sentences, cancelled) -> SentenceSplitter.split(say.text(), sentences));
            case PlayAudio play -> speaker.play(replies.open(0, ""), play.audio());
            case ReplySentence sentence -> replies.sentence(sentence.replyId(), sentence.text());
            case ReplyAudible audible -> {
                if (replies.audible(audible.replyId(), audible.atNs()) && listening != null) {
                    listening.replyAudible();
                }
            }
            case ReplyEnded ended -> replies.ended(ended.replyId(), ended.playedMs(), ended.interrupted(), ended.atNs());
            case CancelReplies cancel -> cutReplies(cancel.atNs());
        }
        publishState();
    }

    private void userTurn(String text, long startMs, long endNs) {
        List<ChatTurn> context = replies.userTurn(text, startMs, endNs);
        long replyId = replies.open(endNs, null);
        speaker.speak(replyId, (sentences, cancelled) -> {
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

    /** The user speaks while the agent does: stop the agent, once per reply. */
    private void bargeIn(long nowNs) {
        if (replies.bargeIn(nowNs)) {
            cutReplies(nowNs);
        }
    }

    private void cutReplies(long nowNs) {
        speaker.cancelUpTo(replies.lastReplyId());
        replies.cutAll(nowNs);
    }

    private void publishState() {
        AgentState state = replies.state();
        if (state != publishedState) {
            publishedState = state;
            stateListener.accept(state);
        }
    }

    /** The recogniser's results, on the conversation thread (it calls back from {@link Listening#accept}). */
    private final class Recognition implements TranscriptListener {
        @Override
        public void onPartial(String text) {
            long nowNs = clock.nanoTime();
            if (utteranceStartMs < 0) {
                utteranceStartMs = replies.sinceCreatedMs(nowNs);
            }
            // Words heard while the agent speaks: a barge-in, if the voice detector has not already caught it.
            bargeIn(nowNs);
        }

        @Override
        public void onFinal(String text, long endMs) {
            long nowNs = clock.nanoTime();
            long startMs = utteranceStartMs >= 0 ? utteranceStartMs : replies.sinceCreatedMs(nowNs);
            utteranceStartMs = -1;
            userTurn(text, startMs, nowNs);
        }
    }
}
