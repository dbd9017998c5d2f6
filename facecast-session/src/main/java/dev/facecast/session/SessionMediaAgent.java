package dev.facecast.session;

import dev.facecast.avatar.AvatarRenderer;
import dev.facecast.avatar.FacePose;
import dev.facecast.avatar.IdleMotion;
import dev.facecast.avatar.Viseme;
import dev.facecast.avatar.VisemeTrack;
import dev.facecast.media.MediaOutput;
import dev.facecast.media.agent.MediaAgent;
import dev.facecast.media.audio.AudioFormat;
import dev.facecast.media.audio.PcmChunk;
import dev.facecast.media.clock.DeadlinePacer;
import dev.facecast.media.speech.PhoneTiming;
import dev.facecast.media.video.FramePool;
import dev.facecast.media.video.I420Frame;

import java.util.ArrayList;
import java.util.List;

/**
 * One session's media, run in duty cycles on a media thread.
 *
 * <p>Audio is the master clock: every 10 ms (by deadline) the agent takes the next 10 ms of
 * speech, or silence, and pushes it to the output; the audio position is the end of the last
 * chunk pushed. Video frames are due at {@code fps} (by deadline, on the same clock) and show
 * the mouth for the audio at that position: from the reply's phone timings when the TTS gave
 * them, else from the loudness of the audio just pushed. In silence the head blinks and sways.
 *
 * <p>Threading: everything here runs on the owning media thread, apart from the volatile
 * fields read by {@link #stats()} and written by {@link #requestFps(int)}.
 */
final class SessionMediaAgent implements MediaAgent {

    private static final long AUDIO_PERIOD_NS = 10_000_000L;
    /** Beyond this behind, catching up would burst: re-anchor instead (and count it). */
    private static final long MAX_AUDIO_LAG_NS = 200_000_000L;
    private static final int MAX_AUDIO_TICKS_PER_CYCLE = 20;

    private final String sessionId;
    private final SpeechQueue speech;
    private final MediaOutput output;
    private final AudioFormat audioFormat;
    private final AvatarRenderer renderer;
    private final FramePool framePool;
    private final IdleMotion idleMotion;
    private final DeadlinePacer audioPacer = new DeadlinePacer(AUDIO_PERIOD_NS, MAX_AUDIO_LAG_NS);
    private final DeadlinePacer videoPacer;
    private final short[] tenMs;
    private final int framesPerTick;

    private volatile int requestedFps;
    private int currentFps;
    private boolean started;
    private long startNs;

    // the reply being played
    private boolean speaking;
    private long replyFramesPlayed;
    private final List<PhoneTiming> replyPhones = new ArrayList<>();
    private VisemeTrack replyTrack = new VisemeTrack(List.of());
    private PcmChunk currentChunk;
    private int currentChunkPosition;
    private double lastRmsLevel;
    private Viseme lastViseme = Viseme.REST;

    // counters: written by the media thread only, read by anyone
    private volatile long framesPushed;
    private volatile long audioFramesPushed;
    private volatile long speechFramesPushed;
    private volatile long audioUnderruns;
    private volatile long maxVideoLatenessNs;

    SessionMediaAgent(String sessionId, VideoSettings video, SpeechQueue speech, MediaOutput output,
                      AvatarRenderer renderer, FramePool framePool, long seed) {
        this.sessionId = sessionId;
        this.speech = speech;
        this.output = output;
        this.audioFormat = output.audioFormat();
        this.renderer = renderer;
        this.framePool = framePool;
        this.idleMotion = new IdleMotion(seed, renderer.sheet().bobSteps());
        this.requestedFps = video.fps();
        this.currentFps = video.fps();
        this.videoPacer = new DeadlinePacer(periodNs(video.fps()), 4 * periodNs(video.fps()));
        this.framesPerTick = audioFormat.framesIn(10);
        this.tenMs = new short[framesPerTick * audioFormat.channels()];
    }

    @Override
    public int doWork(long nowNs) {
        if (!started) {
            started = true;
            startNs = nowNs;
            audioPacer.start(nowNs);
            videoPacer.start(nowNs);
        }
        int work = 0;
        while (audioPacer.isDue(nowNs) && work < MAX_AUDIO_TICKS_PER_CYCLE) {
            pushTenMsOfAudio();
            audioPacer.tick(nowNs);
            work++;
        }
        int fps = requestedFps;
        if (fps != currentFps) {
            currentFps = fps;
            videoPacer.setPeriodNs(periodNs(fps));
        }
        if (videoPacer.isDue(nowNs)) {
            long latenessNs = videoPacer.tick(nowNs);
            maxVideoLatenessNs = Math.max(maxVideoLatenessNs, latenessNs);
            pushFrame(nowNs);
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

    void requestFps(int fps) {
        requestedFps = VideoSettings.checkFps(fps);
    }

    SessionStats stats() {
        return new SessionStats(framesPushed, audioFramesPushed * 1000 / audioFormat.sampleRateHz(),
                speechFramesPushed * 1000 / audioFormat.sampleRateHz(), audioUnderruns,
                maxVideoLatenessNs / 1_000_000.0, videoPacer.reanchorCount() + audioPacer.reanchorCount());
    }

    /** The mouth shown in the last frame. */
    Viseme lastViseme() {
        return lastViseme;
    }

    private void pushTenMsOfAudio() {
        int filled = fillFromSpeech();
        if (filled < framesPerTick) {
            if (speaking && filled > 0) {
                audioUnderruns++;
            }
            java.util.Arrays.fill(tenMs, filled * audioFormat.channels(), tenMs.length, (short) 0);
        }
        lastRmsLevel = rmsLevel(tenMs);
        output.pushAudio(tenMs, framesPerTick);
        audioFramesPushed += framesPerTick;
        speechFramesPushed += filled;
        replyFramesPlayed += filled;
    }

    /** Copies up to 10 ms of queued speech into {@link #tenMs}, handling reply markers on the way. */
    private int fillFromSpeech() {
        int channels = audioFormat.channels();
        int filled = 0;
        while (filled < framesPerTick) {
            if (currentChunk != null && currentChunkPosition < currentChunk.frames()) {
                int take = Math.min(framesPerTick - filled, currentChunk.frames() - currentChunkPosition);
                System.arraycopy(currentChunk.samples(), currentChunkPosition * channels, tenMs, filled * channels, take * channels);
                currentChunkPosition += take;
                filled += take;
                continue;
            }
            SpeechQueue.Item item = speech.poll();
            if (item == null) {
                break;
            }
            switch (item) {
                case SpeechQueue.ReplyStart start -> {
                    speaking = true;
                    replyFramesPlayed = 0;
                    replyPhones.clear();
                    replyTrack = new VisemeTrack(List.of());
                }
                case SpeechQueue.Phones phones -> {
                    // Once per utterance, not per frame: the track is rebuilt with the new phones.
                    replyPhones.addAll(phones.phones());
                    replyTrack = new VisemeTrack(replyPhones);
                }
                case SpeechQueue.Audio audio -> {
                    currentChunk = audio.chunk();
                    currentChunkPosition = 0;
                }
                case SpeechQueue.ReplyEnd end -> speaking = false;
            }
        }
        return filled;
    }

    private void pushFrame(long nowNs) {
        long mediaTimeMs = (nowNs - startNs) / 1_000_000L;
        lastViseme = currentViseme();
        FacePose pose = new FacePose(lastViseme, idleMotion.eyesAt(mediaTimeMs), idleMotion.bobIndexAt(mediaTimeMs));
        I420Frame frame = framePool.acquire();
        try {
            renderer.render(pose, frame);
            frame.setTimestampUs(nowNs / 1_000L);
            output.pushVideo(frame);
            framesPushed++;
        } finally {
            frame.release();
        }
    }

    /** The mouth for the audio at the master clock: the middle of the last 10 ms pushed. */
    private Viseme currentViseme() {
        if (!speaking && (currentChunk == null || currentChunkPosition >= currentChunk.frames())) {
            return Viseme.REST;
        }
        if (!replyTrack.isEmpty()) {
            long positionMs = replyFramesPlayed * 1000 / audioFormat.sampleRateHz() - 5;
            return replyTrack.at(positionMs);
        }
        return Viseme.forLevel(lastRmsLevel);
    }

    private static double rmsLevel(short[] samples) {
        double sum = 0;
        for (short sample : samples) {
            sum += (double) sample * sample;
        }
        return Math.sqrt(sum / samples.length) / 32768.0;
    }

    private static long periodNs(int fps) {
        return 1_000_000_000L / fps;
    }
}
