package dev.facecast.session;

import dev.facecast.avatar.Avatar;
import dev.facecast.avatar.AvatarOptions;
import dev.facecast.avatar.AvatarStream;
import dev.facecast.brain.Brain;
import dev.facecast.media.agent.MediaRunner;
import dev.facecast.media.agent.MediaThreads;
import dev.facecast.media.audio.AudioFormat;
import dev.facecast.media.clock.NanoClock;
import dev.facecast.stt.SpeechToText;
import dev.facecast.tts.SpeechSynthesizer;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Builds sessions from the parts a process shares (voice, brain, recogniser, avatar, media threads).
 * Thread-safe.
 *
 * @param stt          the recogniser, or null when sessions take typed text only
 * @param endOfTurnMs  silence after the user's speech that ends their turn, by voice activity, before the
 *                     recogniser's own endpoint; 0 leaves it to the recogniser
 * @param sessionFormat the sessions' own audio format, given to the avatar: a face that plays the speech itself
 *                      takes and gives it; a hosted face declares its vendor's formats instead. The voice is asked
 *                      for the face's input format and outputs take its output format, so each format is made
 *                      once, where it is needed, and nothing in between resamples
 * @param clock        the media runner's clock, shared with every conversation
 */
public record SessionFactory(SpeechSynthesizer tts, Brain brain, SpeechToText stt, long endOfTurnMs, Avatar avatar,
                             MediaRunner runner,
                             NanoClock clock, AudioFormat sessionFormat, MediaTotals totals, FrameObserver frameObserver) {

    private static final Duration THREAD_STOP_WAIT = Duration.ofSeconds(2);

    /**
     * One session, top-down. Each stage is registered for teardown as it is made, so closing
     * releases them newest first.
     */
    public Session assemble(String id, SessionSpec spec) {
        VideoSettings video = spec.video();
        Teardown teardown = new Teardown(id);
        HandoffCounters counters = new HandoffCounters(totals);
        Conversation conversation = teardown.add("conversation",
                new Conversation(id, brain, stt, endOfTurnMs, clock, counters), Conversation::close);
        // The avatar tells the conversation when replies are heard; the media agent releases its frames.
        AvatarStream face = avatar.open(new AvatarOptions(id, video.width(), video.height(), sessionFormat, id.hashCode(),
                counters::speechQueueFullWait, spec.syncMark()), conversation);
        ExecutorService speechThread = teardown.add("speech thread",
                Executors.newSingleThreadExecutor(MediaThreads.virtual("facecast-speech-" + id)), SessionFactory::stop);
        // Closed before its thread stops, so a reply being synthesised ends at its next chunk.
        Speaker speaker = teardown.add("speaker", new Speaker(id, tts, face, speechThread, counters), Speaker::close);
        conversation.speakWith(speaker);
        conversation.start(MediaThreads.virtual("facecast-conversation-" + id));
        // A runner gets it when an output is attached.
        SessionMediaAgent agent = new SessionMediaAgent(id, video, spec.idleFps(), face, totals, frameObserver);
        SessionLiveness liveness = new SessionLiveness(clock);
        conversation.transcript().onTurn(turn -> liveness.touch());
        return new Session(id, spec, speaker, conversation, agent, face, runner, counters, teardown, liveness);
    }

    private static void stop(ExecutorService thread) throws InterruptedException {
        thread.shutdownNow();
        thread.awaitTermination(THREAD_STOP_WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }
}
