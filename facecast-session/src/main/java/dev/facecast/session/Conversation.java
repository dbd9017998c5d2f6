package dev.facecast.session;

import dev.facecast.brain.Brain;
import dev.facecast.brain.BrainException;
import dev.facecast.brain.ChatTurn;
import dev.facecast.media.agent.MediaThreads;
import dev.facecast.media.audio.AudioFormat;
import dev.facecast.media.audio.PcmChunk;
import dev.facecast.media.audio.Resampler;
import dev.facecast.stt.SpeechToText;
import dev.facecast.stt.Transcriber;
import dev.facecast.stt.TranscriptListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A session's conversation: the user's microphone through the recogniser, their typed text,
 * the brain's replies spoken by the session, barge-in, and the transcript.
 *
 * <p>Threads: microphone chunks arrive on a libwebrtc thread and go through a bounded queue
 * (a full queue drops and counts) to this conversation's listener thread, which resamples and
 * recognises. Replies are produced on the session's conversation thread. Reply events come
 * from the media thread and only record.
 */
public final class Conversation implements AutoCloseable, ReplyListener {

    private static final Logger log = LoggerFactory.getLogger(Conversation.class);
    static final String APOLOGY = "Sorry, I lost my train of thought. Could you say that again?";
    /** About two seconds of 10 ms microphone chunks. */
    private static final int MIC_QUEUE_CHUNKS = 200;
    /**
     * Barge-in by voice activity: this much speech-level audio (RMS above
     * {@link #SPEECH_RMS_LEVEL} of full scale, about -34 dBFS) while the agent is audible stops
     * it. The recogniser's first partial comes 0.5 s or more into a word, too late for a
     * natural interruption; with the browser's echo cancellation the agent does not trigger it.
     */
    static final long BARGE_IN_SPEECH_MS = 120;
    static final double SPEECH_RMS_LEVEL = 0.02;
    /** The brain sees this many latest turns: enough context, bounded prompts in long sessions. */
    static final int HISTORY_TURNS = 20;

    private final AvatarSession session;
    private final Brain brain;
    private final SpeechToText stt;
    private final Transcript transcript = new Transcript();
    private final List<ChatTurn> history = new CopyOnWriteArrayList<>();
    private final Map<Long, PendingReply> pending = new ConcurrentHashMap<>();
    private final ArrayBlockingQueue<PcmChunk> microphone = new ArrayBlockingQueue<>(MIC_QUEUE_CHUNKS);
    private final AtomicLong micChunksDropped = new AtomicLong();
    private final List<Long> turnLatenciesMs = new CopyOnWriteArrayList<>();
    private final List<Long> interruptionReactionsMs = new CopyOnWriteArrayList<>();
    private volatile Thread listener;
    private volatile long audibleReplyId;
    private volatile long bargeInAtNs;
    private volatile long recognitionNs;
    private volatile long recognizedMs;
    private volatile int inputResamplers;
    private volatile boolean closed;
    private volatile java.util.function.Consumer<String> stateListener = state -> { };
    private volatile String state = "listening";

    /** One reply on its way: what it says, and what it answers. */
    private static final class PendingReply {
        final long userEndNs;
        final StringBuilder text = new StringBuilder();
        volatile long audibleAtMs = -1;

        PendingReply(long userEndNs) {
            this.userEndNs = userEndNs;
        }
    }

    /**
     * @param stt the recogniser, or null for a text-only conversation
     */
    public Conversation(AvatarSession session, Brain brain, SpeechToText stt) {
        this.session = session;
        this.brain = brain;
        this.stt = stt;
        session.setReplyListener(this);
    }

    public Transcript transcript() {
        return transcript;
    }

    /** What the agent is doing: {@code listening}, {@code thinking} (a reply on its way) or {@code speaking}. */
    public String state() {
        return state;
    }

    /** Told of every state change, on whichever thread made it (the media thread too): must be quick. */
    public void onStateChange(java.util.function.Consumer<String> listener) {
        this.stateListener = listener;
    }

    private void setState(String newState) {
        if (!newState.equals(state)) {
            state = newState;
            stateListener.accept(newState);
        }
    }

    /** Microphone audio, on a libwebrtc thread: queued for the listener thread, never blocking. */
    public void onMicrophone(PcmChunk chunk) {
        if (closed || stt == null) {
            return;
        }
        if (listener == null) {
            startListening();
        }
        if (!microphone.offer(chunk)) {
            micChunksDropped.incrementAndGet();
        }
    }

    /** Text the user typed: a whole user turn at once. */
    public void onUserText(String text) {
        long nowNs = System.nanoTime();
        long atMs = session.sinceCreatedMs(nowNs);
        userTurn(text, atMs, atMs, nowNs);
    }

    /** Speaks {@code text} as the agent (no user turn before it); it joins the transcript. */
    public long say(String text) {
        PendingReply reply = new PendingReply(0);
        reply.text.append(text);
        long replyId = session.say(text);
        pending.put(replyId, reply);
        return replyId;
    }

    public ConversationStats stats() {
        double rtf = recognizedMs > 0 ? recognitionNs / 1e6 / recognizedMs : 0;
        return new ConversationStats(List.copyOf(turnLatenciesMs), List.copyOf(interruptionReactionsMs), rtf,
                micChunksDropped.get(), inputResamplers);
    }

    @Override
    public void onReplyAudible(long replyId, long nowNs) {
        restartSpeechCount = true;
        audibleReplyId = replyId;
        setState("speaking");
        PendingReply reply = pending.get(replyId);
        if (reply != null) {
            reply.audibleAtMs = session.sinceCreatedMs(nowNs);
            if (reply.userEndNs > 0) {
                turnLatenciesMs.add((nowNs - reply.userEndNs) / 1_000_000L);
            }
        }
    }

    @Override
    public void onReplyEnded(long replyId, long playedMs, boolean interrupted, long nowNs) {
        if (audibleReplyId == replyId) {
            audibleReplyId = 0;
            setState(pending.size() > 1 ? "thinking" : "listening");
        }
        if (interrupted && bargeInAtNs > 0) {
            interruptionReactionsMs.add((nowNs - bargeInAtNs) / 1_000_000L);
            bargeInAtNs = 0;
        }
        PendingReply reply = pending.remove(replyId);
        if (reply == null) {
            return;
        }
        long endMs = session.sinceCreatedMs(nowNs);
        long startMs = reply.audibleAtMs >= 0 ? reply.audibleAtMs : endMs;
        String text = reply.text.toString().strip();
        history.add(ChatTurn.assistant(text));
        transcript.add(new TranscriptTurn("agent", text, startMs, endMs, interrupted, playedMs));
    }

    @Override
    public void close() {
        closed = true;
        Thread running = listener;
        if (running != null) {
            running.interrupt();
        }
    }

    private void userTurn(String text, long startMs, long endMs, long endNs) {
        transcript.add(new TranscriptTurn("user", text, startMs, endMs, false, 0));
        history.add(ChatTurn.user(text));
        List<ChatTurn> all = List.copyOf(history);
        List<ChatTurn> context = all.subList(Math.max(0, all.size() - HISTORY_TURNS), all.size());
        PendingReply reply = new PendingReply(endNs);
        setState("thinking");
        long replyId = session.respond((sentences, cancelled) -> {
            try {
                brain.reply(context, sentence -> {
                    reply.text.append(sentence).append(' ');
                    sentences.accept(sentence);
                }, cancelled);
            } catch (BrainException e) {
                log.warn("session {}: {} could not reply: {}", session.id(), brain.name(), e.getMessage());
                reply.text.append(APOLOGY);
                sentences.accept(APOLOGY);
            }
        });
        pending.put(replyId, reply);
    }

    private synchronized void startListening() {
        if (listener == null && !closed) {
            listener = MediaThreads.virtual("facecast-listener-" + session.id()).newThread(this::listen);
            listener.start();
        }
    }

    /** The listener thread: microphone to mono, to the recogniser's rate, to the recogniser. */
    private void listen() {
        Recognition recognition = new Recognition();
        try (Transcriber transcriber = stt.open(recognition)) {
            Resampler resampler = null;
            while (!closed) {
                PcmChunk chunk = microphone.poll(100, TimeUnit.MILLISECONDS);
                if (chunk == null) {
                    continue;
                }
                PcmChunk mono = toMono(chunk);
                detectBargeIn(mono);
                if (resampler == null || !resampler.input().equals(mono.format())) {
                    resampler = Resampler.between(mono.format(), stt.inputFormat());
                    inputResamplers = resampler.isPassThrough() ? 0 : 1;
                }
                PcmChunk converted = resampler.process(mono);
                long beganNs = System.nanoTime();
                transcriber.accept(converted.samples(), converted.frames());
                recognitionNs += System.nanoTime() - beganNs;
                recognizedMs = transcriber.audioMs();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("session {}: speech recognition stopped", session.id(), e);
        }
    }

    private long speechRunUs;
    /** Set when a reply becomes audible: only speech during the reply may interrupt it. */
    private volatile boolean restartSpeechCount;

    /**
     * Counts speech-level audio; enough of it while the agent speaks interrupts it. Quiet
     * chunks take away half their length instead of starting over, so the short closures
     * inside words ("st-op") do not reset the count, while scattered noise does not add up.
     * The count stops at the window, so after the user stops it drains in twice the window
     * (240 ms), well within the end-of-turn silence: a question never interrupts its own answer.
     */
    private void detectBargeIn(PcmChunk mono) {
        double sum = 0;
        for (int i = 0; i < mono.frames(); i++) {
            sum += (double) mono.samples()[i] * mono.samples()[i];
        }
        double rms = mono.frames() == 0 ? 0 : Math.sqrt(sum / mono.frames()) / 32768.0;
        if (restartSpeechCount) {
            restartSpeechCount = false;
            speechRunUs = 0;
        }
        long windowUs = BARGE_IN_SPEECH_MS * 1000;
        speechRunUs = rms >= SPEECH_RMS_LEVEL
                ? Math.min(windowUs, speechRunUs + mono.durationUs())
                : Math.max(0, speechRunUs - mono.durationUs() / 2);
        if (speechRunUs >= windowUs) {
            bargeIn(System.nanoTime());
        }
    }

    /** The user speaks while the agent does: stop the agent, once per reply. */
    private void bargeIn(long nowNs) {
        if (audibleReplyId != 0 && bargeInAtNs == 0) {
            bargeInAtNs = nowNs;
            session.interrupt();
        }
    }

    private static PcmChunk toMono(PcmChunk chunk) {
        if (chunk.format().channels() == 1) {
            return chunk;
        }
        int channels = chunk.format().channels();
        short[] mono = new short[chunk.frames()];
        short[] interleaved = chunk.samples();
        for (int i = 0; i < mono.length; i++) {
            int sum = 0;
            for (int c = 0; c < channels; c++) {
                sum += interleaved[i * channels + c];
            }
            mono[i] = (short) (sum / channels);
        }
        return new PcmChunk(AudioFormat.mono(chunk.format().sampleRateHz()), mono, mono.length);
    }

    /** The recogniser's results, on the listener thread. */
    private final class Recognition implements TranscriptListener {
        private long utteranceStartMs = -1;

        @Override
        public void onPartial(String text) {
            long nowNs = System.nanoTime();
            if (utteranceStartMs < 0) {
                utteranceStartMs = session.sinceCreatedMs(nowNs);
            }
            // Words heard while the agent speaks: a barge-in, if the voice detector has not already caught it.
            bargeIn(nowNs);
        }

        @Override
        public void onFinal(String text, long endMs) {
            long nowNs = System.nanoTime();
            long nowMs = session.sinceCreatedMs(nowNs);
            long startMs = utteranceStartMs >= 0 ? utteranceStartMs : nowMs;
            utteranceStartMs = -1;
            userTurn(text, startMs, nowMs, nowNs);
        }
    }
}
