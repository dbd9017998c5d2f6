package dev.facecast.loadtest;

import dev.facecast.avatar.SpriteAvatar;
import dev.facecast.brain.RuleBrain;
import dev.facecast.media.MediaOutput;
import dev.facecast.media.agent.MediaRunner;
import dev.facecast.media.agent.SchedulerObserver;
import dev.facecast.media.audio.AudioFormat;
import dev.facecast.media.audio.PcmChunk;
import dev.facecast.media.clock.Await;
import dev.facecast.media.clock.NanoClock;
import dev.facecast.session.AgentState;
import dev.facecast.session.Conversation;
import dev.facecast.session.ConversationStats;
import dev.facecast.session.FrameObserver;
import dev.facecast.session.MediaTotals;
import dev.facecast.session.Session;
import dev.facecast.session.SessionFactory;
import dev.facecast.session.SessionManager;
import dev.facecast.session.SessionSpec;
import dev.facecast.session.VideoSettings;
import dev.facecast.stt.vosk.VoskSpeechToText;
import dev.facecast.tts.SpeechSynthesizer;
import dev.facecast.tts.SpokenAudio;
import dev.facecast.tts.flite.FliteSynthesizer;
import dev.facecast.tts.freetts.FreeTtsSynthesizer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code facecast turns}: conversation latencies on the real parts, in one process. FreeTTS
 * plays the user, speaking into a session's microphone path at real-time pace; the session
 * listens (Vosk), answers (the rule brain) and speaks (flite when installed, else FreeTTS).
 */
@Command(name = "turns", mixinStandardHelpOptions = true,
        description = "Measure turn latency, interruption reaction and recogniser speed over spoken turns.")
public final class TurnsCommand implements Callable<Integer> {

    private static final String[] QUESTIONS = {"What time is it?", "What is your name?", "Hello there.",
            "What can you do?", "Thank you.", "What time is it now?", "Who are you?", "Hi, how are you?",
            "How do you work?", "Goodbye."};
    private static final AudioFormat MICROPHONE = AudioFormat.mono(48_000);
    /** Level and window of the first speech-level audio, to time interruptions from real onset. */
    private static final double SPEECH_RMS = 0.02;

    @Option(names = "--turns", description = "Spoken question-and-answer turns (default: ${DEFAULT-VALUE}).")
    int turns = 10;

    @Option(names = "--interruptions", description = "Barge-ins (default: ${DEFAULT-VALUE}).")
    int interruptions = 10;

    @Option(names = "--end-of-turn-ms", description = "Recogniser end-of-turn silence (default: ${DEFAULT-VALUE}).")
    int endOfTurnMs = 500;

    @Option(names = "--vad-end-of-turn-ms", description = "Voice-activity end-of-turn silence; 0: the recogniser's only "
            + "(default: ${DEFAULT-VALUE}).")
    int vadEndOfTurnMs = 300;

    @Option(names = "--pause-ms", description = "Speak each question in two halves with this much silence between, as a "
            + "user pausing mid-sentence: 'questions heard as more than one turn' then says whether the end of turn cuts "
            + "users off; 0: in one breath (default: ${DEFAULT-VALUE}).")
    int pauseMs = 0;

    public static void main(String[] args) {
        int exitCode = new CommandLine(new TurnsCommand()).execute(args);
        System.out.flush();
        Runtime.getRuntime().halt(exitCode); // see LoadTestCommand: libwebrtc-free here, but Vosk's threads linger
    }

    @Override
    public Integer call() throws Exception {
        SpeechSynthesizer voice = FliteSynthesizer.isAvailable() ? new FliteSynthesizer() : new FreeTtsSynthesizer(1);
        FreeTtsSynthesizer user = new FreeTtsSynthesizer(1);
        VoskSpeechToText stt = new VoskSpeechToText(VoskSpeechToText.defaultCacheDir(), endOfTurnMs);
        AudioFormat output = AudioFormat.mono(16_000);
        try (MediaRunner runner = new MediaRunner(2, NanoClock.SYSTEM, SchedulerObserver.NONE);
             SessionManager manager = new SessionManager(new SessionFactory(voice, new RuleBrain("Ava", Clock.systemDefaultZone()),
                     stt, vadEndOfTurnMs, new SpriteAvatar(), runner, NanoClock.SYSTEM, output, new MediaTotals(), FrameObserver.NONE), 1)) {
            Session session = manager.create(new SessionSpec(new VideoSettings(720, 480, 15), 0));
            Conversation conversation = session.conversation();
            session.attachOutput(MediaOutput.discarding(output), () -> { });
            List<Long> speechEndToAudioMs = new ArrayList<>();
            for (int i = 0; i < turns; i++) {
                speechEndToAudioMs.add(askOnce(spoken(user, QUESTIONS[i % QUESTIONS.length]), conversation));
            }
            long answersCut = interruptedTurns(conversation);
            long userTurns = conversation.transcript().turns().stream().filter(turn -> turn.role().equals("user")).count();
            Collections.sort(speechEndToAudioMs);
            System.out.printf("answers to spoken questions cut short: %d (should be 0)%n", answersCut);
            System.out.printf("questions heard as more than one turn: %d (should be 0)%n", userTurns - turns);
            System.out.printf("turns %d: end of the user's speech to the reply's first audio p50 %d ms, p95 %d ms %s%n",
                    turns, percentile(speechEndToAudioMs, 50), percentile(speechEndToAudioMs, 95), speechEndToAudioMs);
            List<Long> onsetToStopMs = new ArrayList<>();
            for (int i = 0; i < interruptions; i++) {
                onsetToStopMs.add(interruptOnce(user, session, conversation));
            }
            report(conversation.stats(), onsetToStopMs, voice.name(), session.resamplersActive());
        } finally {
            stt.close();
            user.close();
            voice.close();
        }
        return 0;
    }

    /**
     * The user saying {@code question} in 10 ms ticks, a second of silence after; with a pause, its
     * two halves (split at the middle word) with {@link #pauseMs} between the last speech of the one
     * and the first of the other.
     */
    private List<PcmChunk> spoken(FreeTtsSynthesizer user, String question) {
        String[] words = question.split(" ");
        if (pauseMs <= 0 || words.length < 2) {
            return SpokenAudio.tenMsChunks(user, question, MICROPHONE, 1_000);
        }
        String first = String.join(" ", Arrays.copyOfRange(words, 0, words.length / 2));
        String second = String.join(" ", Arrays.copyOfRange(words, words.length / 2, words.length));
        List<PcmChunk> head = SpokenAudio.tenMsChunks(user, first, MICROPHONE, 0);
        List<PcmChunk> tail = SpokenAudio.tenMsChunks(user, second, MICROPHONE, 1_000);
        List<PcmChunk> ticks = new ArrayList<>(head.subList(0, SpokenAudio.lastChunkAtLevel(head, SPEECH_RMS) + 1));
        for (int i = 0; i < pauseMs / 10; i++) {
            ticks.add(new PcmChunk(MICROPHONE, new short[MICROPHONE.framesIn(10)], MICROPHONE.framesIn(10)));
        }
        ticks.addAll(tail.subList(Math.max(0, SpokenAudio.firstChunkAtLevel(tail, SPEECH_RMS)), tail.size()));
        return ticks;
    }

    /** Asks one question at real-time pace; returns ms from the end of its speech to the reply's first audio. */
    private static long askOnce(List<PcmChunk> ticks, Conversation conversation) throws Exception {
        int speechEndTick = Math.max(0, SpokenAudio.lastChunkAtLevel(ticks, SPEECH_RMS)) + 1;
        int before = conversation.transcript().turns().size();
        long[] startedNs = new long[1];
        Thread feeder = Thread.ofVirtual().start(() -> feed(conversation, ticks, startedNs));
        waitUntil(() -> conversation.state() == AgentState.SPEAKING, 20_000);
        long audibleNs = System.nanoTime();
        feeder.join();
        waitUntil(() -> conversation.transcript().turns().size() >= before + 2 && conversation.state() == AgentState.LISTENING,
                20_000);
        return (audibleNs - startedNs[0]) / 1_000_000L - speechEndTick * 10L;
    }

    /** Speaks over a long reply; returns ms from the first speech-level audio to the reply stopped. */
    private long interruptOnce(FreeTtsSynthesizer user, Session session, Conversation conversation) throws Exception {
        conversation.say("This is a long announcement that goes on and on, so there is time to interrupt it.");
        waitUntil(() -> conversation.state() == AgentState.SPEAKING, 20_000);
        Thread.sleep(500);
        List<PcmChunk> ticks = SpokenAudio.tenMsChunks(user, "Stop please.", MICROPHONE, 700);
        int onsetTick = Math.max(0, SpokenAudio.firstChunkAtLevel(ticks, SPEECH_RMS));
        long cutBefore = interruptedTurns(conversation);
        long[] startedNs = new long[1];
        Thread.ofVirtual().start(() -> feed(conversation, ticks, startedNs));
        waitUntil(() -> interruptedTurns(conversation) > cutBefore, 10_000);
        long stoppedNs = System.nanoTime();
        Thread.sleep(1_500);
        session.interrupt(); // whatever the agent answered to "stop", end it before the next round
        Thread.sleep(300);
        return (stoppedNs - startedNs[0]) / 1_000_000L - onsetTick * 10L;
    }

    private static long interruptedTurns(Conversation conversation) {
        return conversation.transcript().turns().stream().filter(turn -> turn.interrupted()).count();
    }

    private static void report(ConversationStats stats, List<Long> onsetToStopMs, String voice, int outputResamplers) {
        List<Long> latencies = new ArrayList<>(stats.turnLatenciesMs());
        Collections.sort(latencies);
        Collections.sort(onsetToStopMs);
        System.out.printf("voice %s; resamplers: output %d, input %d%n", voice, outputResamplers, stats.resamplersActive());
        System.out.printf("turns %d: the turn's end (recogniser or voice activity) to first reply audio p50 %d ms, p95 %d ms %s%n",
                latencies.size(), percentile(latencies, 50), percentile(latencies, 95), latencies);
        System.out.printf("interruptions %d: speech onset to reply stopped p50 %d ms, max %d ms %s%n",
                onsetToStopMs.size(), percentile(onsetToStopMs, 50), percentile(onsetToStopMs, 100), onsetToStopMs);
        System.out.printf("STT real-time factor %.3f%n", stats.sttRealTimeFactor());
    }

    private static long percentile(List<Long> sorted, int percentile) {
        if (sorted.isEmpty()) {
            return -1;
        }
        return sorted.get(Math.max(0, (int) Math.ceil(sorted.size() * percentile / 100.0) - 1));
    }

    /** Feeds 10 ms ticks at real-time pace, as a microphone would. */
    private static void feed(Conversation conversation, List<PcmChunk> ticks, long[] startedNs) {
        long start = System.nanoTime();
        startedNs[0] = start;
        for (int i = 0; i < ticks.size(); i++) {
            conversation.onMicrophone(ticks.get(i));
            long dueNs = start + (i + 1) * 10_000_000L;
            while (System.nanoTime() < dueNs) {
                Thread.onSpinWait();
            }
        }
    }

    /** Polls often: the moment a condition turns true is what some of these measurements time. */
    private static void waitUntil(java.util.function.BooleanSupplier condition, long timeoutMs) throws InterruptedException {
        Await.within(Duration.ofMillis(timeoutMs), Duration.ofMillis(5), condition);
    }
}
