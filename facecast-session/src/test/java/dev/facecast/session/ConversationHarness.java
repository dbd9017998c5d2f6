package dev.facecast.session;

import dev.facecast.avatar.AvatarOptions;
import dev.facecast.avatar.AvatarStream;
import dev.facecast.avatar.SpriteAvatar;
import dev.facecast.brain.Brain;
import dev.facecast.media.MediaOutput;
import dev.facecast.media.audio.AudioFormat;
import dev.facecast.media.audio.PcmChunk;
import dev.facecast.media.clock.ManualNanoClock;
import dev.facecast.stt.SpeechToText;
import dev.facecast.tts.SpeechSynthesizer;

import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * A conversation on real parts (voice, brain, recogniser, media agent), run by hand on a
 * manual clock: no threads. Synthesis runs inline when the conversation starts a reply, and
 * {@link #run} steps the media agent and the conversation 10 ms at a time.
 */
final class ConversationHarness {

    static final AudioFormat OUTPUT = AudioFormat.mono(16_000);
    /** The server's default voice-activity end of turn. */
    static final long END_OF_TURN_MS = 300;
    private static final long TICK_MS = 10;

    final ManualNanoClock clock = new ManualNanoClock(1_000_000_000L);
    final MediaTotals totals = new MediaTotals();
    final Conversation conversation;
    final AvatarStream face;
    final SessionMediaAgent agent;

    ConversationHarness(SpeechSynthesizer tts, Brain brain, SpeechToText stt) {
        HandoffCounters counters = new HandoffCounters(totals);
        conversation = new Conversation("harness", brain, stt, END_OF_TURN_MS, clock, counters);
        face = new SpriteAvatar().open(new AvatarOptions("harness", 160, 120, OUTPUT, 1, counters::speechQueueFullWait),
                conversation);
        conversation.speakWith(new Speaker("harness", tts, face, Runnable::run, counters));
        agent = new SessionMediaAgent("harness", new VideoSettings(160, 120, 5), 0, face, totals, FrameObserver.NONE);
        agent.attach(MediaOutput.discarding(OUTPUT));
    }

    /** Runs the media and the conversation for {@code ms} of clock time. */
    void run(long ms) {
        for (long elapsedMs = 0; elapsedMs < ms; elapsedMs += TICK_MS) {
            tick();
        }
        conversation.handleQueued();
    }

    /** Runs until {@code condition} holds; fails after {@code maxMs} of clock time. */
    void runUntil(BooleanSupplier condition, long maxMs) {
        for (long elapsedMs = 0; !condition.getAsBoolean(); elapsedMs += TICK_MS) {
            if (elapsedMs > maxMs) {
                throw new AssertionError("not reached within " + maxMs + " ms of clock time");
            }
            tick();
        }
    }

    /** Plays 10 ms chunks into the microphone at real-time pace on the clock, the session running beside. */
    void speakIntoMicrophone(List<PcmChunk> tenMsChunks) {
        for (PcmChunk chunk : tenMsChunks) {
            conversation.onMicrophone(chunk);
            tick();
        }
    }

    List<TranscriptTurn> turns() {
        return conversation.transcript().turns();
    }

    private void tick() {
        conversation.handleQueued();
        agent.doWork(clock.nanoTime());
        clock.advanceMs(TICK_MS);
    }
}
