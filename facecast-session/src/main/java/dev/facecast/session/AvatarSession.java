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
                totals, frameObserver);
        runner.add(agent);
        state = State.STREAMING;
    }

    /** Queues {@code text} to be spoken after anything already queued. */
    public void say(String text) {
        if (state == State.CLOSED) {
            throw new IllegalStateException("session " + id + " is closed");
        }
        conversation.execute(() -> speak(text));
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

    private void speak(String text) {
        long replyId = replyIds.incrementAndGet();
        try {
            speech.put(new SpeechQueue.ReplyStart(replyId));
            tts.synthesize(text, audioFormat, new QueueingSink(), () -> state == State.CLOSED);
            speech.put(new SpeechQueue.ReplyEnd(replyId));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (TtsException e) {
            repliesFailed.incrementAndGet();
            log.warn("session {}: reply {} failed: {}", id, replyId, e.getMessage());
        }
    }

    private final class QueueingSink implements SpeechSink {
        @Override
        public void onAudio(dev.facecast.media.audio.PcmChunk chunk) {
            put(new SpeechQueue.Audio(chunk));
        }

        @Override
        public void onPhones(List<PhoneTiming> phones) {
            put(new SpeechQueue.Phones(phones));
        }

        private void put(SpeechQueue.Item item) {
            try {
                speech.put(item);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TtsException("interrupted while queueing speech", e);
            }
        }
    }
}
