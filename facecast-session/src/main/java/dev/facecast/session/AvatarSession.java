package dev.facecast.session;

import dev.facecast.avatar.AvatarRenderer;
import dev.facecast.avatar.SpriteSheet;
import dev.facecast.media.MediaOutput;
import dev.facecast.media.agent.MediaRunner;
import dev.facecast.media.agent.MediaThreads;
import dev.facecast.media.audio.AudioFormat;
import dev.facecast.media.speech.PhoneTiming;
import dev.facecast.media.video.FramePool;
import dev.facecast.tts.SpeechSink;
import dev.facecast.tts.SpeechSynthesizer;
import dev.facecast.tts.TtsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One person's avatar: a conversation thread that turns text into speech, and a media agent
 * that plays it as audio and a talking head once an output is attached.
 *
 * <p>Threading: public methods are safe from any thread. Speech is synthesized on the
 * session's own virtual thread, one reply after another, and handed to the media thread
 * through a bounded {@link SpeechQueue}.
 */
public final class AvatarSession {

    /** Where a session is in its life. */
    public enum State {
        /** Created; no media output attached yet. */
        CREATED,
        /** Media is flowing to an output. */
        STREAMING,
        /** Closed; everything released. */
        CLOSED
    }

    private static final Logger log = LoggerFactory.getLogger(AvatarSession.class);
    /** About 40 s of queued 40-ms TTS chunks; the TTS waits beyond that. */
    private static final int SPEECH_QUEUE_ITEMS = 1024;
    private static final int IDLE_FRAMES_KEPT = 3;

    private final String id;
    private final AudioFormat audioFormat;
    private final SpeechSynthesizer tts;
    private final MediaRunner runner;
    private final MediaTotals totals;
    private final FrameObserver frameObserver;
    private final SpeechQueue speech = new SpeechQueue(SPEECH_QUEUE_ITEMS);
    private final ExecutorService conversation;
    private final AtomicLong replyIds = new AtomicLong();
    /** Moves on every interrupt; a reply whose epoch is stale stops and its speech is dropped. */
    private final AtomicLong epoch = new AtomicLong();
    private final long createdAtNs = System.nanoTime();
    private volatile ReplyListener replyListener = ReplyListener.NONE;
    private final AtomicLong repliesFailed = new AtomicLong();
    private final long createdAtMs = System.currentTimeMillis();
    private volatile VideoSettings video;
    private volatile int idleFps;
    private volatile State state = State.CREATED;
    private volatile SessionMediaAgent agent;
    private volatile FramePool framePool;

    AvatarSession(String id, VideoSettings video, int idleFps, AudioFormat audioFormat, SpeechSynthesizer tts,
                  MediaRunner runner, MediaTotals totals, FrameObserver frameObserver) {
        this.id = id;
        this.video = video;
        this.idleFps = checkIdleFps(idleFps);
        this.totals = totals;
        this.frameObserver = frameObserver;
        this.audioFormat = audioFormat;
        this.tts = tts;
        this.runner = runner;
        this.conversation = Executors.newSingleThreadExecutor(MediaThreads.virtual("facecast-conversation-" + id));
        // The first session of a size draws the sprites (a few hundred ms): do it now, off the
        // request path, so connecting does not wait for it.
        conversation.execute(() -> SpriteSheet.forSize(video.width(), video.height()));
    }

    public String id() {
        return id;
    }

    public State state() {
        return state;
    }

    public VideoSettings video() {
        return video;
    }

    public AudioFormat audioFormat() {
        return audioFormat;
    }

    public long createdAtMs() {
        return createdAtMs;
    }

    /** Resamplers this session runs: one when the TTS cannot make the output's rate itself. */
    public int resamplersActive() {
        return tts.resamplesFor(audioFormat) ? 1 : 0;
    }

    public long repliesFailed() {
        return repliesFailed.get();
    }

    /** Times the speech hand-off to the media thread was full and synthesis waited (back-pressure). */
    public long speechQueueFullWaits() {
        return speech.fullWaits();
    }

    /**
     * Starts the media: the avatar idles, and speaks what was or will be said.
     *
     * @throws IllegalStateException when already started or closed
     */
    public synchronized void start(MediaOutput output) {
        if (state != State.CREATED) {
            throw new IllegalStateException("session " + id + " is " + state.name().toLowerCase() + ", not new");
        }
        if (!output.audioFormat().equals(audioFormat)) {
            throw new IllegalArgumentException("output takes " + output.audioFormat() + ", session makes " + audioFormat);
        }
        VideoSettings settings = video;
        framePool = new FramePool(settings.width(), settings.height(), IDLE_FRAMES_KEPT);
        AvatarRenderer renderer = new AvatarRenderer(SpriteSheet.forSize(settings.width(), settings.height()));
        agent = new SessionMediaAgent(id, settings, idleFps, speech, output, renderer, framePool, id.hashCode(),
                totals, frameObserver, new ReplyListener() {
                    @Override
                    public void onReplyAudible(long replyId, long nowNs) {
                        replyListener.onReplyAudible(replyId, nowNs);
                    }

                    @Override
                    public void onReplyEnded(long replyId, long playedMs, boolean interrupted, long nowNs) {
                        replyListener.onReplyEnded(replyId, playedMs, interrupted, nowNs);
                    }
                });
        runner.add(agent);
        state = State.STREAMING;
    }

    /** Where a reply's sentences come from: called on the conversation thread, it streams them out. */
    @FunctionalInterface
    public interface ReplySource {
        void produce(java.util.function.Consumer<String> sentences, java.util.function.BooleanSupplier cancelled);
    }

    /** Queues {@code text} to be spoken after anything already queued; returns the reply's id. */
    public long say(String text) {
        return respond((sentences, cancelled) -> sentences.accept(text));
    }

    /**
     * Queues a reply whose sentences {@code source} streams; each is spoken as soon as it
     * comes. Returns the reply's id (as {@link ReplyListener} reports it).
     */
    public long respond(ReplySource source) {
        if (state == State.CLOSED) {
            throw new IllegalStateException("session " + id + " is closed");
        }
        long replyId = replyIds.incrementAndGet();
        long replyEpoch = epoch.get();
        conversation.execute(() -> speak(replyId, replyEpoch, source));
        return replyId;
    }

    /**
     * Barge-in: stops the reply being spoken and any queued ones. Their speech is dropped at
     * once (on the media thread's next cycle) and their synthesis stops.
     */
    public void interrupt() {
        epoch.incrementAndGet();
        SessionMediaAgent running = agent;
        if (running != null) {
            running.requestInterrupt();
        }
    }

    /** Told when replies become audible and when they end. Set it before {@link #start}. */
    public void setReplyListener(ReplyListener listener) {
        this.replyListener = listener;
    }

    /** Milliseconds since this session was created, for transcript times. */
    public long sinceCreatedMs(long nowNs) {
        return (nowNs - createdAtNs) / 1_000_000L;
    }

    /** Changes the frame rate; the media thread applies it at the next frame. */
    public void setFps(int fps) {
        VideoSettings changed = video.withFps(fps);
        video = changed;
        SessionMediaAgent running = agent;
        if (running != null) {
            running.requestFps(fps);
        }
    }

    /** A receiver connected: send a frame at once and the full rate for a second, even while idle. */
    public void wake() {
        SessionMediaAgent running = agent;
        if (running != null) {
            running.requestWake();
        }
    }

    /** Frame rate while silent; 0 keeps the full rate. */
    public int idleFps() {
        return idleFps;
    }

    /** Changes the idle frame rate (0 to 60; 0 turns idle savings off). */
    public void setIdleFps(int newIdleFps) {
        idleFps = checkIdleFps(newIdleFps);
        SessionMediaAgent running = agent;
        if (running != null) {
            running.requestIdleFps(newIdleFps);
        }
    }

    /** The frame rate in force now: {@link VideoSettings#fps()}, or the idle rate while silent. */
    public int currentFps() {
        SessionMediaAgent running = agent;
        return running == null ? video.fps() : running.currentFps();
    }

    private static int checkIdleFps(int idleFps) {
        if (idleFps < 0 || idleFps > VideoSettings.MAX_FPS) {
            throw new IllegalArgumentException("idleFps must be 0 (off) to " + VideoSettings.MAX_FPS + ", not " + idleFps);
        }
        return idleFps;
    }

    public SessionStats stats() {
        SessionMediaAgent running = agent;
        return running == null ? SessionStats.NONE : running.stats();
    }

    /** Frames of this session's pool not yet released: zero when nothing leaked. */
    public long framesOutstanding() {
        FramePool pool = framePool;
        return pool == null ? 0 : pool.outstanding();
    }

    /** Stops speech and media and waits (briefly) until the media thread let go of the session. */
    public synchronized void close() {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        conversation.shutdownNow();
        SessionMediaAgent running = agent;
        if (running != null) {
            try {
                runner.remove(running).get(2, TimeUnit.SECONDS);
            } catch (Exception e) {
                log.warn("session {}: media agent did not stop in time", id, e);
            }
        }
        speech.clear();
        try {
            conversation.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void speak(long replyId, long replyEpoch, ReplySource source) {
        java.util.function.BooleanSupplier cancelled = () -> state == State.CLOSED || epoch.get() != replyEpoch;
        if (cancelled.getAsBoolean()) {
            return;
        }
        QueueingSink sink = new QueueingSink(replyId, cancelled);
        try {
            sink.put(new SpeechQueue.ReplyStart(replyId));
            // Every sentence is spoken as soon as the source has it; its timings continue the reply's.
            source.produce(sentence -> {
                tts.synthesize(sentence, audioFormat, sink, cancelled);
                sink.endSentence();
            }, cancelled);
            sink.put(new SpeechQueue.ReplyEnd(replyId));
        } catch (RuntimeException e) {
            repliesFailed.incrementAndGet();
            log.warn("session {}: reply {} failed: {}", id, replyId, e.getMessage());
            sink.put(new SpeechQueue.ReplyEnd(replyId));
        }
    }

    /** Queues a reply's speech, with phone times moved on by the audio already queued for it. */
    private final class QueueingSink implements SpeechSink {
        private final long replyId;
        private final java.util.function.BooleanSupplier cancelled;
        private long framesQueued;
        private long sentenceStartFrames;
        private boolean sentenceStarted;

        QueueingSink(long replyId, java.util.function.BooleanSupplier cancelled) {
            this.replyId = replyId;
            this.cancelled = cancelled;
        }

        @Override
        public void onAudio(dev.facecast.media.audio.PcmChunk chunk) {
            markSentenceStart();
            framesQueued += chunk.frames();
            put(new SpeechQueue.Audio(replyId, chunk));
        }

        @Override
        public void onPhones(List<PhoneTiming> phones) {
            markSentenceStart();
            long offsetMs = sentenceStartFrames * 1000 / audioFormat.sampleRateHz();
            put(new SpeechQueue.Phones(replyId, phones.stream().map(p -> p.shiftedBy(offsetMs)).toList()));
        }

        /** A synthesis call starts its phone times at zero: remember where its audio begins. */
        private void markSentenceStart() {
            if (!sentenceStarted) {
                sentenceStarted = true;
                sentenceStartFrames = framesQueued;
            }
        }

        void endSentence() {
            sentenceStarted = false;
        }

        void put(SpeechQueue.Item item) {
            if (cancelled.getAsBoolean()) {
                return; // an interrupted reply queues nothing more
            }
            try {
                speech.put(item);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TtsException("interrupted while queueing speech", e);
            }
        }
    }
}
