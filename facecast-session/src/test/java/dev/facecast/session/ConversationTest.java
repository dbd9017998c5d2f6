package dev.facecast.session;

import dev.facecast.brain.RuleBrain;
import dev.facecast.media.MediaOutput;
import dev.facecast.media.agent.MediaRunner;
import dev.facecast.media.agent.SchedulerObserver;
import dev.facecast.media.audio.AudioFormat;
import dev.facecast.media.audio.PcmChunk;
import dev.facecast.media.clock.NanoClock;
import dev.facecast.stt.vosk.VoskSpeechToText;
import dev.facecast.tts.freetts.FreeTtsSynthesizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** The conversation on real parts: FreeTTS, the rule brain, Vosk, a media thread. Microphone audio is our own TTS. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ConversationTest {

    private static final AudioFormat MIC = AudioFormat.mono(48_000);
    @TempDir
    static Path cache;
    private static FreeTtsSynthesizer tts;
    private static VoskSpeechToText stt;
    private static MediaRunner runner;

    @BeforeAll
    static void start() {
        tts = new FreeTtsSynthesizer(2);
        stt = new VoskSpeechToText(cache, 500);
        runner = new MediaRunner(1, NanoClock.SYSTEM, SchedulerObserver.NONE);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        runner.close();
        stt.close();
        tts.close();
    }

    @Test
    void shouldAnswerTypedTextAndKeepBothTurns() throws Exception {
        try (Setup setup = new Setup()) {
            setup.conversation.onUserText("What is your name?");

            waitFor(() -> setup.turns().size() >= 2, 20);

            TranscriptTurn user = setup.turns().get(0);
            TranscriptTurn agent = setup.turns().get(1);
            assertThat(user.role()).isEqualTo("user");
            assertThat(agent.role()).isEqualTo("agent");
            assertThat(agent.text()).contains("Ava");
            assertThat(agent.interrupted()).isFalse();
            assertThat(agent.playedMs()).isPositive();
            assertThat(setup.conversation.stats().turnLatenciesMs()).hasSize(1);
        }
    }

    @Test
    void shouldHearASpokenQuestionAndAnswerIt() throws Exception {
        try (Setup setup = new Setup()) {
            setup.speakIntoMicrophone("What time is it?", true);

            waitFor(() -> setup.turns().size() >= 2, 30);

            assertThat(setup.turns().get(0).text()).contains("time");
            assertThat(setup.turns().get(1).text()).contains("It's");
            waitFor(() -> setup.turns().size() >= 2 && setup.conversation.state().equals("listening"), 20);
            assertThat(setup.turns().get(1).interrupted()).as("the answer to a spoken question is not cut by its own question").isFalse();
            ConversationStats stats = setup.conversation.stats();
            assertThat(stats.resamplersActive()).isEqualTo(1); // 48 kHz microphone to 16 kHz recogniser
            System.out.printf("[conversation] turn latency %s ms, STT real-time factor %.3f%n",
                    stats.turnLatenciesMs(), stats.sttRealTimeFactor());
        }
    }

    @Test
    void shouldStopSpeakingWhenTheUserTalksOverIt() throws Exception {
        try (Setup setup = new Setup()) {
            setup.conversation.say("This is a long announcement that goes on and on, so that there is plenty of time "
                    + "to interrupt it before it ends, which is the whole point of this particular sentence.");
            waitFor(() -> setup.session.stats().speechMsPushed() > 500, 20);

            setup.speakIntoMicrophone("Stop please.");
            waitFor(() -> setup.turns().stream().anyMatch(TranscriptTurn::interrupted), 20);

            TranscriptTurn cut = setup.turns().stream().filter(TranscriptTurn::interrupted).findFirst().orElseThrow();
            assertThat(cut.role()).isEqualTo("agent");
            assertThat(cut.playedMs()).isBetween(500L, 9_000L);
            assertThat(setup.conversation.stats().interruptionReactionsMs()).singleElement()
                    .satisfies(ms -> assertThat(ms).isLessThan(300L));
        }
    }

    @Test
    void shouldShowTheBrainOnlyTheLatestTurns() throws Exception {
        List<Integer> contextSizes = new java.util.concurrent.CopyOnWriteArrayList<>();
        dev.facecast.brain.Brain silent = new dev.facecast.brain.Brain() {
            @Override
            public String name() {
                return "silent";
            }

            @Override
            public void reply(List<dev.facecast.brain.ChatTurn> history, java.util.function.Consumer<String> sentences,
                              BooleanSupplier cancelled) {
                contextSizes.add(history.size());
            }
        };
        try (Setup setup = new Setup(silent)) {
            for (int turn = 1; turn <= 25; turn++) {
                int expected = 2 * turn;
                setup.conversation.onUserText("message " + turn);
                waitFor(() -> setup.turns().size() >= expected, 10);
            }
        }

        assertThat(contextSizes).hasSize(25);
        assertThat(contextSizes.getFirst()).isEqualTo(1);
        assertThat(contextSizes.getLast()).isEqualTo(Conversation.HISTORY_TURNS);
    }

    static void waitFor(BooleanSupplier condition, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + seconds + " s");
            }
            Thread.sleep(50);
        }
    }

    /** A started session with a conversation, its output discarded. */
    private static final class Setup implements AutoCloseable {
        final SessionManager manager = new SessionManager(tts, runner, AudioFormat.mono(16_000), 2);
        final AvatarSession session = manager.create(new VideoSettings(320, 240, 10));
        final Conversation conversation;

        Setup() {
            this(new RuleBrain("Ava", Clock.systemDefaultZone()));
        }

        Setup(dev.facecast.brain.Brain brain) {
            conversation = new Conversation(session, brain, stt);
            session.start(MediaOutput.discarding(AudioFormat.mono(16_000)));
        }

        List<TranscriptTurn> turns() {
            return conversation.transcript().turns();
        }

        void speakIntoMicrophone(String text) {
            speakIntoMicrophone(text, false);
        }

        /**
         * Our TTS at 48 kHz into the microphone path in 10 ms chunks, then a second of silence:
         * at real-time pace as from a microphone, or faster (within the queue's two seconds).
         */
        void speakIntoMicrophone(String text, boolean realTime) {
            List<PcmChunk> chunks = new ArrayList<>();
            tts.synthesize(text, MIC, chunks::add, () -> false);
            List<short[]> tenMs = new ArrayList<>();
            for (PcmChunk chunk : chunks) {
                for (int at = 0; at < chunk.frames(); at += 480) {
                    tenMs.add(java.util.Arrays.copyOfRange(chunk.samples(), at, Math.min(at + 480, chunk.frames())));
                }
            }
            for (int i = 0; i < 100; i++) {
                tenMs.add(new short[480]);
            }
            long startNs = System.nanoTime();
            for (int i = 0; i < tenMs.size(); i++) {
                conversation.onMicrophone(new PcmChunk(MIC, tenMs.get(i), tenMs.get(i).length));
                if (realTime) {
                    long dueNs = startNs + (i + 1) * 10_000_000L;
                    while (System.nanoTime() < dueNs) {
                        Thread.onSpinWait();
                    }
                } else {
                    sleepQuietly(2);
                }
            }
        }

        @Override
        public void close() {
            conversation.close();
            manager.close();
        }
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
