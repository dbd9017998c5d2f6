package dev.facecast.avatar;

import dev.facecast.media.audio.AudioFormat;
import dev.facecast.media.video.FramePool;
import dev.facecast.media.video.I420Frame;

/**
 * One session's sprite head. Audio is the speech itself; a picture shows the mouth for the
 * middle of the last 10 ms played (from the reply's phones when the voice gave them, else
 * from its loudness), with blinks and sway from {@link IdleMotion}. A picture whose pose did
 * not change is not drawn again: the last one is shown again, and nothing is allocated.
 *
 * <p>Threading: as {@link AvatarStream}; the media thread owns the frames.
 */
final class SpriteAvatarStream implements AvatarStream {

    /** The frame shown, one being drawn, and one in an encoder's hands. */
    private static final int FRAMES_KEPT = 3;
    /** The middle of the last 10 ms tick, where the mouth should be. */
    private static final long TICK_MIDDLE_MS = 5;

    private final SpeechQueue speech;
    private final SpeechPlayer player;
    private final AvatarRenderer renderer;
    private final IdleMotion idleMotion;
    private final FramePool frames;
    /** Null unless the session measures A/V sync with a mark. */
    private final MarkPainter mark;
    private VisemeTrack track = new VisemeTrack(java.util.List.of());
    private int trackVersion = -1;
    private boolean started;
    private long startNs;
    private I420Frame lastFrame;
    private FacePose lastPose;
    private boolean lastMarkOn;
    private int lastMarkLeadMs;
    private volatile long framesDrawn;

    SpriteAvatarStream(SpeechQueue speech, SpeechPlayer player, AvatarRenderer renderer, IdleMotion idleMotion,
                       AvatarOptions.SyncMark syncMark) {
        this.speech = speech;
        this.mark = syncMark.enabled() ? new MarkPainter(syncMark) : null;
        this.player = player;
        this.renderer = renderer;
        this.idleMotion = idleMotion;
        this.frames = new FramePool(renderer.sheet().width, renderer.sheet().height, FRAMES_KEPT);
    }

    @Override
    public void push(SpeechQueue.Item item) throws InterruptedException {
        speech.put(item);
    }

    @Override
    public void clearThrough(long replyId) {
        speech.cutThrough(replyId);
    }

    @Override
    public void delaySyncMark(int delayMs) {
        if (mark != null) {
            mark.delayBy(delayMs);
        }
    }

    /** The session's format: the head plays the speech it is given as it is. */
    @Override
    public AudioFormat inputFormat() {
        return player.format();
    }

    @Override
    public AudioFormat outputFormat() {
        return player.format();
    }

    @Override
    public int fillAudio(short[] tenMs, long nowNs) {
        int speechFrames = player.fill(tenMs, nowNs);
        if (mark != null) {
            mark.onTick(player.lastRmsLevel(), nowNs);
        }
        return speechFrames;
    }

    @Override
    public boolean isSpeaking() {
        return player.isSpeaking();
    }

    @Override
    public boolean isStarved() {
        return player.isStarved();
    }

    @Override
    public I420Frame frameAt(long nowNs) {
        if (!started) {
            started = true;
            startNs = nowNs;
        }
        long mediaTimeMs = (nowNs - startNs) / 1_000_000L;
        Viseme viseme = viseme();
        EyeState eyes = idleMotion.eyesAt(mediaTimeMs);
        int bobIndex = idleMotion.bobIndexAt(mediaTimeMs);
        // Compared part by part, so an unchanged picture allocates nothing; a pose is made only to draw.
        boolean markOn = mark != null && mark.isOn();
        int markLeadMs = mark == null ? 0 : mark.leadMs(nowNs);
        boolean unchanged = lastFrame != null && lastPose.viseme() == viseme && lastPose.eyes() == eyes
                && lastPose.bobIndex() == bobIndex && lastMarkOn == markOn && lastMarkLeadMs == markLeadMs;
        if (!unchanged) {
            draw(new FacePose(viseme, eyes, bobIndex));
            if (mark != null) {
                MarkPainter.paint(lastFrame, markOn, markLeadMs);
            }
            lastMarkOn = markOn;
            lastMarkLeadMs = markLeadMs;
        }
        return lastFrame;
    }

    @Override
    public long framesDrawn() {
        return framesDrawn;
    }

    @Override
    public long framesOutstanding() {
        return frames.outstanding();
    }

    @Override
    public void close() {
        if (lastFrame != null) {
            lastFrame.release();
            lastFrame = null;
        }
    }

    /** The mouth for the audio just played. */
    Viseme viseme() {
        if (!player.isSpeaking()) {
            return Viseme.REST;
        }
        if (player.phonesVersion() != trackVersion) {
            // Once per utterance, not per frame: the track is rebuilt when the phones change.
            trackVersion = player.phonesVersion();
            track = new VisemeTrack(player.replyPhones());
        }
        if (!track.isEmpty()) {
            return track.at(player.replyPositionMs() - TICK_MIDDLE_MS);
        }
        return Viseme.forLevel(player.lastRmsLevel());
    }

    private void draw(FacePose pose) {
        I420Frame frame = frames.acquire();
        try {
            renderer.render(pose, frame);
        } catch (RuntimeException e) {
            frame.release();
            throw e;
        }
        if (lastFrame != null) {
            lastFrame.release();
        }
        lastFrame = frame; // kept, so an unchanged pose is shown again without drawing
        lastPose = pose;
        framesDrawn++;
    }
}
