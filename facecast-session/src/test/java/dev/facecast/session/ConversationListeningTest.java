package dev.facecast.session;

import dev.facecast.brain.Brain;
import dev.facecast.brain.RuleBrain;
import dev.facecast.media.audio.AudioFormat;
import dev.facecast.stt.vosk.VoskSpeechToText;
import dev.facecast.tts.SpokenAudio;
import dev.facecast.tts.freetts.FreeTtsSynthesizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The microphone path on a manual clock with the real recogniser (Vosk): spoken questions,
 * barge-in, and the queue's limits. The user's voice is our own TTS at 48 kHz.
 */
@Tag("native")
class ConversationListeningTest {

    private static final AudioFormat MICROPHONE = AudioFormat.mono(48_000);

    @TempDir
    static Path cache;
    private static FreeTtsSynthesizer tts;
    private static VoskSpeechToText stt;
    private static final Brain AVA = new RuleBrain("Ava", Clock.systemUTC());

    @BeforeAll
    static void start() {
        tts = new FreeTtsSynthesizer(1);
        stt = new VoskSpeechToText(cache, 500);
    }

    @AfterAll
    static void stop() {
        stt.close();
        tts.close();
    }

    @Test
    void shouldHearASpokenQuestionAndAnswerItWithoutCuttingTheAnswer() {
        ConversationHarness harness = new ConversationHarness(tts, AVA, stt);

        harness.speakIntoMicrophone(SpokenAudio.tenMsChunks(tts, "What time is it?", MICROPHONE, 1_000));
        harness.runUntil(() -> harness.turns().size() >= 2, 20_000);

        assertThat(harness.turns().get(0).text()).contains("time");
        assertThat(harness.turns().get(1).text()).contains("It's");
        assertThat(harness.turns().get(1).interrupted()).as("a question never cuts its own answer").isFalse();
        ConversationStats stats = harness.conversation.stats();
        assertThat(stats.resamplersActive()).isEqualTo(1); // 48 kHz microphone to the recogniser's 16 kHz
        assertThat(stats.turnLatenciesMs()).hasSize(1);
    }

    /** The user stops: the turn ends by voice activity, not the recogniser's longer endpoint, and the answer follows. */
    @Test
    void shouldEndTheTurnSoonAfterTheUserStops() {
        ConversationHarness harness = new ConversationHarness(tts, AVA, stt);
        var chunks = SpokenAudio.tenMsChunks(tts, "What is your name?", MICROPHONE, 1_500);
        long speechEndMs = 10L * (lastLoudChunk(chunks) + 1);

        // The conversation's clock starts with the speech, so transcript times count from its first chunk.
        harness.speakIntoMicrophone(chunks);
        harness.runUntil(() -> harness.turns().size() >= 2, 10_000);

        TranscriptTurn question = harness.turns().get(0);
        long heardAtMs = question.endMs();
        System.out.printf("[conversation] speech ended at %d ms, turn ended at %d ms, reply heard at %d ms%n",
                speechEndMs, heardAtMs, harness.turns().get(1).startMs());
        assertThat(question.text()).contains("name");
        // The last syllable's quiet tail already counts as silence, so a little less than the setting.
        assertThat(heardAtMs - speechEndMs).isBetween(ConversationHarness.END_OF_TURN_MS - 50, ConversationHarness.END_OF_TURN_MS + 50);
    }

    private static int lastLoudChunk(java.util.List<dev.facecast.media.audio.PcmChunk> chunks) {
        for (int i = chunks.size() - 1; i >= 0; i--) {
            if (dev.facecast.media.audio.AudioLevels.rms(chunks.get(i)) >= BargeInDetector.SPEECH_RMS_LEVEL) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void shouldStopSpeakingWithinATickWhenTheUserTalksOverIt() {
        ConversationHarness harness = new ConversationHarness(tts, AVA, stt);
        harness.conversation.say("This is a long announcement that goes on and on, so that there is plenty of time "
                + "to interrupt it before it ends, which is the whole point of this particular sentence.");
        harness.runUntil(() -> harness.conversation.state() == AgentState.SPEAKING, 1_000);
        harness.run(600);

        harness.speakIntoMicrophone(SpokenAudio.tenMsChunks(tts, "Stop please.", MICROPHONE, 300));
        harness.run(100);

        TranscriptTurn cut = harness.turns().stream().filter(TranscriptTurn::interrupted).findFirst().orElseThrow();
        assertThat(cut.role()).isEqualTo("agent");
        assertThat(cut.playedMs()).isBetween(600L, 2_000L);
        // The detector fires on a chunk; the media thread cuts at its next 10 ms tick.
        assertThat(harness.conversation.stats().interruptionReactionsMs()).singleElement()
                .satisfies(ms -> assertThat(ms).isBetween(0L, 20L));
    }

    @Test
    void shouldDropMicrophoneChunksWhenBehindButKeepRoomForEverythingElse() {
        ConversationHarness harness = new ConversationHarness(tts, AVA, stt);
        var silence = SpokenAudio.tenMsChunks(tts, "", MICROPHONE, 10 * Conversation.QUEUE_EVENTS);

        silence.forEach(harness.conversation::onMicrophone); // nobody handles them meanwhile
        harness.conversation.say("Still heard.");
        harness.runUntil(() -> harness.turns().size() == 1, 5_000);

        assertThat(harness.conversation.stats().micChunksDropped())
                .isEqualTo(Conversation.ROOM_KEPT_FOR_OTHER_EVENTS);
        assertThat(harness.totals.micChunksDropped()).isEqualTo(Conversation.ROOM_KEPT_FOR_OTHER_EVENTS);
        assertThat(harness.turns().getFirst().text()).isEqualTo("Still heard.");
    }
}
