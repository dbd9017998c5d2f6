package dev.facecast.session;

import dev.facecast.avatar.AvatarOptions;
import dev.facecast.avatar.AvatarStream;
import dev.facecast.media.MediaOutput;
import dev.facecast.media.agent.MediaRunner;
import dev.facecast.media.audio.AudioFormat;
import dev.facecast.media.audio.PcmChunk;

import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One person's avatar, owning everything of it: the speech queue, the speaker and its thread,
 * the conversation and its thread, the avatar and the media agent, and later its output
 * and microphone. {@link SessionFactory#assemble} builds it; {@link #close()} releases
 * everything in reverse order of creation.
 *
 * <p>Threading: public methods are safe from any thread.
 */
public final class Session implements AutoCloseable {

    /** Where a session is in its life. */
    public enum State {
        /** Created; no media output attached yet. */
        CREATED,
        /** Media is flowing to an output. */
        STREAMING,
        /** Closed; everything released. */
        CLOSED;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final String id;
    private final Speaker speaker;
    private final Conversation conversation;
    private final SessionMediaAgent agent;
    private final AvatarStream avatar;
    private final MediaRunner runner;
    private final HandoffCounters counters;
    private final Teardown teardown;
    private final long createdAtMs = System.currentTimeMillis();
    private final SessionLiveness liveness;
    private volatile SessionSpec spec;
    private volatile State state = State.CREATED;
    private volatile MediaOutput output;
    private volatile boolean microphoneAttached;

    Session(String id, SessionSpec spec, Speaker speaker, Conversation conversation,
            SessionMediaAgent agent, AvatarStream avatar, MediaRunner runner, HandoffCounters counters, Teardown teardown,
            SessionLiveness liveness) {
        this.liveness = liveness;
        this.id = id;
        this.spec = spec;
        this.speaker = speaker;
        this.conversation = conversation;
        this.agent = agent;
        this.avatar = avatar;
        this.runner = runner;
        this.counters = counters;
        this.teardown = teardown;
    }

    public String id() {
        return id;
    }

    public State state() {
        return state;
    }

    public VideoSettings video() {
        return spec.video();
    }

    /** The mark drawn for measuring A/V sync at a receiver; usually off. */
    public AvatarOptions.SyncMark syncMark() {
        return spec.syncMark();
    }

    /** What the session publishes, and what its output must take: its avatar's output format. */
    public AudioFormat audioFormat() {
        return avatar.outputFormat();
    }

    /** What the session's speech is made in (the voice is asked for it): its avatar's input format. */
    public AudioFormat speechFormat() {
        return avatar.inputFormat();
    }

    public long createdAtMs() {
        return createdAtMs;
    }

    public Conversation conversation() {
        return conversation;
    }

    /** When the session last showed signs of life: for closing sessions nobody uses. */
    public SessionLiveness liveness() {
        return liveness;
    }

    /**
     * Starts the media towards {@code mediaOutput}: the avatar idles, and speaks what was or
     * will be said. At close the media thread lets go of the session first, then
     * {@code release} runs.
     *
     * @throws IllegalStateException    when an output is attached already, or the session is closed
     * @throws IllegalArgumentException when the output takes another audio format
     */
    public synchronized void attachOutput(MediaOutput mediaOutput, AutoCloseable release) {
        if (state != State.CREATED) {
            throw new IllegalStateException("session " + id + " is " + state.wireName() + ", not new");
        }
        agent.attach(mediaOutput);
        teardown.add("output", release, AutoCloseable::close);
        // Registered after the output, so it runs before it: nothing pushes into a closed output.
        teardown.add("media agent", agent, stage -> runner.remove(stage).get(2, TimeUnit.SECONDS));
        runner.add(agent);
        output = mediaOutput;
        state = State.STREAMING;
    }

    /** The output attached, if any. */
    public Optional<MediaOutput> output() {
        return Optional.ofNullable(output);
    }

    /** Where the microphone's audio goes: never blocks, safe on a libwebrtc thread. */
    public Consumer<PcmChunk> microphone() {
        return conversation::onMicrophone;
    }

    /**
     * Registers the microphone's connection, closed with the session (before the conversation).
     *
     * @throws IllegalStateException when the session has a microphone already, or is closed
     */
    public synchronized void attachMicrophone(AutoCloseable release) {
        if (microphoneAttached || state == State.CLOSED) {
            throw new IllegalStateException("session " + id + (microphoneAttached ? " already has a microphone" : " is closed"));
        }
        microphoneAttached = true;
        teardown.add("microphone", release, AutoCloseable::close);
    }

    /** Cuts the reply being heard and every reply on its way (barge-in from outside). */
    public void interrupt() {
        conversation.cancelReplies();
    }

    /** Changes the frame rate; the media thread applies it at the next frame. */
    public synchronized void setFps(int fps) {
        spec = new SessionSpec(spec.video().withFps(fps), spec.idleFps(), spec.syncMark());
        agent.requestFps(fps);
    }

    /** Shows the sync mark this much later than its sound, to check a receiver's measurement (0..1000 ms). */
    public void delaySyncMark(int delayMs) {
        // Checked here too: a session without a mark would ignore a bad value instead of refusing it.
        avatar.delaySyncMark(AvatarOptions.SyncMark.checkDelayMs(delayMs));
    }

    /** Frame rate while silent; 0 keeps the full rate. */
    public int idleFps() {
        return spec.idleFps();
    }

    /** Changes the idle frame rate (0 to 60; 0 turns idle savings off). */
    public synchronized void setIdleFps(int idleFps) {
        spec = new SessionSpec(spec.video(), idleFps, spec.syncMark());
        agent.requestIdleFps(idleFps);
    }

    /** The frame rate in force now: {@link VideoSettings#fps()}, or the idle rate while silent. */
    public int currentFps() {
        return state == State.STREAMING ? agent.currentFps() : spec.video().fps();
    }

    /** A receiver connected: send a frame at once and the full rate for a second, even while idle. */
    public void wake() {
        agent.requestWake();
    }

    public SessionStats stats() {
        return state == State.CREATED ? SessionStats.NONE : agent.stats();
    }

    /**
     * Resamplers on the output path: one when the TTS cannot make the avatar's input rate itself, and
     * the avatar's own (none while its vendor sends what it declared).
     */
    public int resamplersActive() {
        return speaker.resamplersActive() + avatar.resamplersActive();
    }

    /** Why the session's avatar stopped working for good (a hosted one's vendor ended it), or null while it works. */
    public String avatarEndedBecause() {
        return avatar.endedBecause();
    }

    /** Resamplers on the input path (microphone to recogniser). */
    public int inputResamplersActive() {
        return conversation.stats().resamplersActive();
    }

    public long repliesFailed() {
        return counters.repliesFailed();
    }

    /** Times the speech hand-off to the media thread was full and synthesis waited (back-pressure). */
    public long speechQueueFullWaits() {
        return counters.speechQueueFullWaits();
    }

    /** Frames of this session's avatar not yet released: zero after close when nothing leaked. */
    public long framesOutstanding() {
        return avatar.framesOutstanding();
    }

    /** Releases everything, newest first: microphone, media agent (and the avatar's frames), output, speaker, conversation. */
    @Override
    public void close() {
        synchronized (this) {
            if (state == State.CLOSED) {
                return;
            }
            state = State.CLOSED;
        }
        teardown.closeAll();
    }
}
