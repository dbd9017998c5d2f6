package dev.facecast.session;

import dev.facecast.avatar.AvatarRenderer;
import dev.facecast.avatar.SpriteSheet;
import dev.facecast.brain.Brain;
import dev.facecast.media.agent.MediaRunner;
import dev.facecast.media.agent.MediaThreads;
import dev.facecast.media.audio.AudioFormat;
import dev.facecast.media.clock.NanoClock;
import dev.facecast.media.video.FramePool;
import dev.facecast.stt.SpeechToText;
import dev.facecast.tts.SpeechSynthesizer;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Builds sessions from the parts a process shares (voice, brain, recogniser, media threads).
 * Thread-safe.
 *
 * @param stt          the recogniser, or null when sessions take typed text only
 * @param outputFormat what media outputs take; the voice is asked for exactly this
 * @param clock        the media runner's clock, shared with every conversation
 */
public record SessionFactory(SpeechSynthesizer tts, Brain brain, SpeechToText stt, MediaRunner runner, NanoClock clock,
                             AudioFormat outputFormat, MediaTotals totals, FrameObserver frameObserver) {

    /** About 40 s of queued 40-ms TTS chunks; the TTS waits beyond that. */
    static final int SPEECH_QUEUE_ITEMS = 1024;
    /** The frame being shown, the one being drawn, and one in the encoder's hands. */
    static final int FRAMES_KEPT = 3;
    private static final Duration THREAD_STOP_WAIT = Duration.ofSeconds(2);

    /**
     * One session, top-down. Each stage is registered for teardown as it is made, so closing
     * releases them newest first.
     */
    public Session assemble(String id, SessionSpec spec) {
        VideoSettings video = spec.video();
        Teardown teardown = new Teardown(id);
        HandoffCounters counters = new HandoffCounters(totals);
        SpeechQueue speech = new SpeechQueue(SPEECH_QUEUE_ITEMS, counters::speechQueueFullWait);
        ExecutorService speechThread = teardown.add("speech thread",
                Executors.newSingleThreadExecutor(MediaThreads.virtual("facecast-speech-" + id)), SessionFactory::stop);
        // Closed before its thread stops, so a reply being synthesised ends at its next chunk.
        Speaker speaker = teardown.add("speaker",
                new Speaker(id, tts, outputFormat, speech, speechThread, counters), Speaker::close);
        Conversation conversation = teardown.add("conversation",
                new Conversation(id, brain, stt, speaker, clock, counters), Conversation::close);
        conversation.start(MediaThreads.virtual("facecast-conversation-" + id));
        // The first session of a size draws the sprites (a few hundred ms); the server draws the default size at start.
        AvatarRenderer renderer = new AvatarRenderer(SpriteSheet.forSize(video.width(), video.height()));
        FramePool frames = new FramePool(video.width(), video.height(), FRAMES_KEPT);
        // Reports replies heard to the conversation; a runner gets it when an output is attached.
        SessionMediaAgent agent = new SessionMediaAgent(id, video, spec.idleFps(), speech, outputFormat, renderer, frames,
                id.hashCode(), totals, frameObserver, conversation);
        return new Session(id, spec, outputFormat, speaker, conversation, agent, frames, runner, counters, teardown);
    }

    private static void stop(ExecutorService thread) throws InterruptedException {
        thread.shutdownNow();
        thread.awaitTermination(THREAD_STOP_WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }
}
