package dev.facecast.session;

import dev.facecast.avatar.AvatarStream;
import dev.facecast.media.MediaOutput;
import dev.facecast.media.agent.MediaAgent;
import dev.facecast.media.audio.AudioFormat;
import dev.facecast.media.clock.DeadlinePacer;
import dev.facecast.media.video.I420Frame;
import dev.facecast.session.jfr.AudioTickEvent;
import dev.facecast.session.jfr.RenderEvent;
import dev.facecast.session.jfr.VideoHandoffEvent;

/**
 * One session's media, run in duty cycles on a media thread.
 *
 * <p>Audio is the master clock: every 10 ms (by deadline) the agent takes the next 10 ms from
 * the avatar and hands it to the output; the audio position is the end of the last chunk
 * pushed. Video frames are due at the session's rate on the same clock and show the avatar's
 * picture for that position.
 *
 * <p>Idle savings: while the avatar is silent, frames come at the idle rate (and the avatar
 * shows an unchanged picture again without drawing it). When speech starts, the full rate
 * resumes at once (the next frame is due immediately).
 *
 * <p>Stage times are measured with {@link System#nanoTime()} around each stage (a stopwatch,
 * apart from the injected scheduling clock). Threading: the media thread owns everything
 * here, apart from the volatile fields that {@link #stats()} reads and the setters write.
 */
final class SessionMediaAgent implements MediaAgent {

    private static final long AUDIO_PERIOD_NS = 10_000_000L;
    /** Beyond this behind, catching up would burst: re-anchor instead (and count it). */
    private static final long MAX_AUDIO_LAG_NS = 200_000_000L;
    private static final long MAX_VIDEO_LAG_NS = 500_000_000L;
    /** How long the full rate holds after {@link #requestWake()}. */
    private static final long WAKE_NS = 1_000_000_000L;
    private static final int MAX_AUDIO_TICKS_PER_CYCLE = 20;

    private final String sessionId;
    private final AvatarStream avatar;
    /** Set once by {@link #attach}, before the runner sees the agent (its hand-off publishes it). */
    private MediaOutput output;
    private final AudioFormat audioFormat;
    private final int framesPerTick;
    private final MediaTotals totals;
    private final FrameObserver frameObserver;
    private final DeadlinePacer audioPacer = new DeadlinePacer(AUDIO_PERIOD_NS, MAX_AUDIO_LAG_NS);
    private final DeadlinePacer videoPacer;
    private final short[] tenMs;

    private volatile int requestedFps;
    private volatile int requestedIdleFps;
    private volatile boolean wakeRequested;
    private long awakeUntilNs;
    private int currentFps;
    private boolean wasSpeaking;
    private boolean started;

    // written by the media thread only, read by anyone
    private volatile long framesPushed;
    private volatile long framesRendered;
    private volatile long audioFramesPushed;
    private volatile long speechFramesPushed;
    private volatile long audioUnderruns;
    private volatile long maxVideoLatenessNs;
    private volatile long renderNs;
    private volatile long audioNs;
    private volatile long videoHandoffNs;

    SessionMediaAgent(String sessionId, VideoSettings video, int idleFps, AvatarStream avatar, MediaTotals totals,
                      FrameObserver frameObserver) {
        this.sessionId = sessionId;
        this.avatar = avatar;
        this.audioFormat = avatar.outputFormat();
        this.framesPerTick = audioFormat.framesIn(10);
        this.totals = totals;
        this.frameObserver = frameObserver;
        this.requestedFps = video.fps();
        this.requestedIdleFps = idleFps;
        this.currentFps = targetFps(false);
        this.videoPacer = new DeadlinePacer(periodNs(currentFps), MAX_VIDEO_LAG_NS);
        this.tenMs = new short[framesPerTick * audioFormat.channels()];
    }

    /**
     * Gives the agent its output; call once, before handing the agent to a runner.
     *
     * @throws IllegalArgumentException when the output takes another audio format
     */
    void attach(MediaOutput mediaOutput) {
        if (!mediaOutput.audioFormat().equals(audioFormat)) {
            throw new IllegalArgumentException("output takes " + mediaOutput.audioFormat() + ", session makes " + audioFormat);
        }
        this.output = mediaOutput;
    }

    @Override
    public int doWork(long nowNs) {
        if (!started) {
            started = true;
            audioPacer.start(nowNs);
            videoPacer.start(nowNs);
        }
        int work = 0;
        while (audioPacer.isDue(nowNs) && work < MAX_AUDIO_TICKS_PER_CYCLE) {
            playTenMs(nowNs);
            audioPacer.tick(nowNs);
            work++;
        }
        if (wakeRequested) {
            // A receiver just connected: its first key frame should not wait for an idle tick.
            wakeRequested = false;
            awakeUntilNs = nowNs + WAKE_NS;
            videoPacer.start(nowNs);
        }
        boolean speaking = avatar.isSpeaking();
        int fps = targetFps(speaking || nowNs - awakeUntilNs < 0);
        if (fps != currentFps) {
            currentFps = fps;
            videoPacer.setPeriodNs(periodNs(fps));
        }
        if (speaking && !wasSpeaking) {
            videoPacer.start(nowNs); // speech starts: full rate from this very frame
        }
        wasSpeaking = speaking;
        if (videoPacer.isDue(nowNs)) {
            long latenessNs = videoPacer.tick(nowNs);
            pushFrame(nowNs, latenessNs);
            work++;
        }
        return work;
    }

    @Override
    public long nextDeadlineNs() {
        return Math.min(audioPacer.nextDeadlineNs(), videoPacer.nextDeadlineNs());
    }

    @Override
    public String roleName() {
        return "session-" + sessionId;
    }

    /** Releases the avatar's frames; runs on the media thread after removal. */
    @Override
    public void onClose() {
        avatar.close();
    }

    void requestFps(int fps) {
        requestedFps = VideoSettings.checkFps(fps);
    }

    /** Sends a frame now and holds the full rate for a second: a receiver just connected. */
    void requestWake() {
        wakeRequested = true;
    }

    void requestIdleFps(int idleFps) {
        requestedIdleFps = idleFps;
    }

    /** The frame rate in force now: the session's, or the idle rate while silent. */
    int currentFps() {
        return currentFps;
    }

    SessionStats stats() {
        int rateHz = audioFormat.sampleRateHz();
        return new SessionStats(framesPushed, framesRendered, audioFramesPushed * 1000 / rateHz,
                speechFramesPushed * 1000 / rateHz, audioUnderruns, maxVideoLatenessNs / 1_000_000.0,
                videoPacer.reanchorCount() + audioPacer.reanchorCount(), renderNs, audioNs, videoHandoffNs);
    }

    private int targetFps(boolean speaking) {
        int idleFps = requestedIdleFps;
        return speaking || idleFps <= 0 ? requestedFps : Math.min(idleFps, requestedFps);
    }

    private void playTenMs(long nowNs) {
        long beganNs = System.nanoTime();
        AudioTickEvent event = new AudioTickEvent(sessionId);
        event.begin();
        int speechFrames = avatar.fillAudio(tenMs, nowNs);
        if (speechFrames < framesPerTick && speechFrames > 0 && avatar.isStarved()) {
            audioUnderruns++;
            totals.audioUnderruns.increment();
        }
        output.pushAudio(tenMs, framesPerTick);
        audioFramesPushed += framesPerTick;
        speechFramesPushed += speechFrames;
        event.setSpeechFrames(speechFrames);
        event.commit();
        long spentNs = System.nanoTime() - beganNs;
        audioNs += spentNs;
        totals.audioNs.add(spentNs);
    }

    private void pushFrame(long nowNs, long latenessNs) {
        long drawnBefore = avatar.framesDrawn();
        I420Frame frame = render(nowNs);
        long beganNs = System.nanoTime();
        VideoHandoffEvent event = new VideoHandoffEvent(sessionId, avatar.framesDrawn() == drawnBefore);
        event.begin();
        frame.setTimestampUs(nowNs / 1_000L);
        output.pushVideo(frame);
        event.commit();
        long spentNs = System.nanoTime() - beganNs;
        videoHandoffNs += spentNs;
        totals.videoHandoffNs.add(spentNs);
        framesPushed++;
        totals.framesPushed.increment();
        maxVideoLatenessNs = Math.max(maxVideoLatenessNs, latenessNs);
        if (latenessNs > periodNs(currentFps) / 2) {
            totals.framesLate.increment();
        }
        frameObserver.onFramePushed(latenessNs);
    }

    /** The avatar's picture for now; drawing is timed as the render stage (showing one again costs nothing). */
    private I420Frame render(long nowNs) {
        long beganNs = System.nanoTime();
        long drawnBefore = avatar.framesDrawn();
        RenderEvent event = new RenderEvent(sessionId);
        event.begin();
        I420Frame frame = avatar.frameAt(nowNs);
        long drawn = avatar.framesDrawn() - drawnBefore;
        if (drawn > 0) {
            event.commit();
            long spentNs = System.nanoTime() - beganNs;
            renderNs += spentNs;
            totals.renderNs.add(spentNs);
            framesRendered += drawn;
            totals.framesRendered.add(drawn);
        }
        return frame;
    }

    private static long periodNs(int fps) {
        return 1_000_000_000L / fps;
    }
}
