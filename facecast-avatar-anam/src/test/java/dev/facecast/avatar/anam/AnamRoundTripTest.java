package dev.facecast.avatar.anam;

import dev.facecast.avatar.AvatarException;
import dev.facecast.avatar.AvatarOptions;
import dev.facecast.avatar.AvatarStream;
import dev.facecast.avatar.ReplyListener;
import dev.facecast.avatar.SpeechQueue;
import dev.facecast.fakevendors.FakeVendorServer;
import dev.facecast.fakevendors.anam.FakeAnam;
import dev.facecast.fakevendors.anam.FakeAnamSession;
import dev.facecast.media.audio.AudioFormat;
import dev.facecast.media.audio.AudioLevels;
import dev.facecast.media.audio.PcmChunk;
import dev.facecast.media.video.I420Frame;
import dev.facecast.provider.ErrorKind;
import dev.facecast.webrtc.IceServer;
import dev.facecast.webrtc.ReceiverRuntime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Speech through the fake Anam and back, in real time, as a session's media thread would take
 * it: the face comes back at the asked size, the voice comes back loud, a barge-in reaches the
 * engine and silences the voice, and the engine's refusals and endings are clear.
 */
@Tag("native")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AnamRoundTripTest {

    private static final AudioFormat SPEECH = AudioFormat.mono(24_000);
    private static final long TICK_NS = 10_000_000L;

    private final FakeVendorServer vendors = FakeVendorServer.start(0);
    private final ReceiverRuntime receivers = new ReceiverRuntime();
    private final AnamAvatar avatar = new AnamAvatar(AnamSettings.of(URI.create(vendors.anamBaseUrl()), "test-key"), receivers);
    /** What the face gives: the voice as it comes back, 48 kHz. */
    private final short[] tenMs = new short[DownlinkAudio.FORMAT.framesIn(10)];

    @AfterEach
    void behave() {
        vendors.anam().reset();
    }

    @AfterAll
    void stop() {
        avatar.close();
        vendors.close();
        receivers.close();
    }

    @Test
    void shouldSendSpeechOnceReadyAndPlayTheFaceAndVoiceThatComeBack() throws Exception {
        vendors.anam().knobs().readyDelayMs(300); // speech pushed at once must wait for sessionready
        AvatarStream stream = open();
        try {
            pushReply(stream, 1, 1_500);
            Run run = play(stream, 2_500);

            FakeAnamSession engine = engineOf(stream);
            assertThat(engine.droppedBeforeReady()).isZero();
            assertThat(engine.audioMessages()).isEqualTo(15); // 1.5 s in 100 ms messages
            assertThat(engine.audioEnds()).isEqualTo(1);
            assertThat(run.loudestRms).as("the voice that came back").isGreaterThan(0.05);
            assertThat(run.lastFrameWidth).isEqualTo(320);
            assertThat(stream.framesDrawn()).as("pictures from the engine").isGreaterThan(20);
            assertThat(stream.resamplersActive()).as("24 kHz up as pushed; the voice given on at the 48 kHz it comes back in").isZero();
            assertThat(((AnamAvatarStream) stream).iceServers()).as("the engine session's ICE servers, as libwebrtc runs with them")
                    .containsExactly(new IceServer(List.of(vendors.anam().stunUrl()), "", ""),
                            new IceServer(List.of(vendors.anam().stunUrl()), FakeAnam.ICE_USERNAME, FakeAnam.ICE_CREDENTIAL));
            assertThat(vendors.anam().stunBindingsAnswered()).as("gathered through the STUN server it was given").isPositive();
            System.out.printf("anam round trip: first voice back %.0f ms after the speech was pushed (300 ms of it waiting for "
                    + "sessionready), %d pictures in %d ms%n", run.firstLoudMs, stream.framesDrawn(), run.durationMs);
        } finally {
            stream.close();
        }
        assertThat(stream.framesOutstanding()).isZero();
    }

    @Test
    void shouldOpenTheFaceAtOnceThoughAnIceServerNeverAnswers() throws Exception {
        try (DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress())) { // bound, never read
            vendors.anam().knobs().extraIceServer("stun:127.0.0.1:" + silent.getLocalPort());
            long startNs = System.nanoTime();
            AvatarStream stream = open();
            long openMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);
            try {
                pushReply(stream, 1, 500);
                Run run = play(stream, 1_500);

                FakeAnamSession engine = engineOf(stream);
                assertThat(engine.audioMessages()).as("speech taken after sessionready").isEqualTo(5);
                assertThat(run.loudestRms).as("the voice that came back").isGreaterThan(0.05);
                assertThat(stream.framesDrawn()).as("pictures from the engine").isGreaterThan(10);
                assertThat(engine.candidatesReceived()).as("our candidates, trickled after the offer").isPositive();
                assertThat(engine.candidatesSent()).as("the engine's candidates, trickled after its answer").isPositive();
                // Generous on purpose: what matters is that the open is not held for gathering, which took 10 s and failed.
                assertThat(openMs).as("not held for the silent server's gathering limit (10 s)").isLessThan(5_000);
                System.out.printf("anam with an ICE server that never answers: the face opened in %d ms "
                        + "(trickle ICE; waiting for gathering, it failed after 10 s)%n", openMs);
            } finally {
                stream.close();
            }
        }
    }

    @Test
    void shouldKeepTheReturnedMouthInStepWithTheReturnedVoice() throws Exception {
        AvatarStream stream = open();
        try {
            Run idle = play(stream, 1_000); // the engine's resting face, for the mouth's baseline
            pushReply(stream, 1, 1_000);
            Run talking = play(stream, 2_000, idle);

            assertThat(talking.firstLoudMs).as("the voice came back").isPositive();
            assertThat(talking.firstMouthMs).as("the mouth moved").isPositive();
            double skewMs = talking.firstMouthMs - talking.firstLoudMs;
            System.out.printf("anam lip sync at our output: the returned mouth opened %.0f ms %s the returned voice began "
                    + "(pictures sampled every 40 ms, so +-40 ms is one picture)%n", Math.abs(skewMs), skewMs >= 0 ? "after" : "before");
            assertThat(Math.abs(skewMs)).isLessThan(160);
        } finally {
            stream.close();
        }
    }

    @Test
    void shouldReachTheEngineAndSilenceTheVoiceOnABargeIn() throws Exception {
        AvatarStream stream = open();
        try {
            pushReply(stream, 1, 3_000);
            play(stream, 800); // the voice is coming back by now
            long bargeInNs = System.nanoTime();
            stream.clearThrough(1);
            Run after = play(stream, 1_200);

            FakeAnamSession engine = engineOf(stream);
            assertThat(engine.interrupts()).isEqualTo(1);
            double toEngineMs = (engine.lastInterruptNs() - bargeInNs) / 1e6;
            long silentAfterMs = ((AnamAvatarStream) stream).lastBargeInSilenceMs();
            assertThat(after.loudestRms).as("anything heard after the barge-in (no codec tail, no filter click)").isLessThan(0.005);
            assertThat(silentAfterMs).as("the vendor's voice fell silent").isBetween(0L, (long) DownlinkAudio.MAX_MUTE_MS - 1);
            System.out.printf("anam barge-in: interrupt at the engine %.1f ms after the clear; the engine's voice, as received, "
                    + "fell silent %d ms after it (network, Opus, jitter buffer); nothing of it was played after the clear%n",
                    toEngineMs, silentAfterMs);
        } finally {
            stream.close();
        }
    }

    @Test
    void shouldReportTheEnginesEndOfTheSession() throws Exception {
        vendors.anam().knobs().endSessionAfterMs(200);
        AnamAvatarStream stream = (AnamAvatarStream) open();
        try {
            long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (stream.endedBecause() == null && System.nanoTime() < deadlineNs) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
            assertThat(stream.endedBecause()).contains("Anam ended the session");
        } finally {
            stream.close();
        }
    }

    @ParameterizedTest
    @CsvSource({"401, AUTH, Unauthorized", "402, BAD_REQUEST, Insufficient credits",
            "429, RATE_LIMITED, Concurrent session limit reached", "503, UNAVAILABLE, Service temporarily unavailable"})
    void shouldRefuseWithTheKindOfTheVendorsAnswer(int status, ErrorKind kind, String saying) {
        vendors.anam().knobs().refuseWith(status);

        assertThatThrownBy(this::open).isInstanceOfSatisfying(AvatarException.class, e -> {
            assertThat(e.kind()).isEqualTo(kind);
            assertThat(e.getMessage()).contains("HTTP " + status).contains(saying);
        });
    }

    private FakeAnamSession engineOf(AvatarStream stream) {
        return vendors.anam().session(((AnamAvatarStream) stream).engineSessionId());
    }

    private AvatarStream open() {
        return avatar.open(new AvatarOptions("round-trip", 320, 240, SPEECH, 7, () -> { }), ReplyListener.NONE);
    }

    /** What a real-time run of the media ticks saw. */
    private static final class Run {
        double loudestRms;
        double firstLoudMs = -1;
        double lastLoudMs = -1;
        int lastFrameWidth;
        long durationMs;
        double firstMouthMs = -1;
        /** Mean luma of the mouth's region in each picture: it drops as the mouth opens. */
        final java.util.List<Double> mouthLuma = new java.util.ArrayList<>();
    }

    /** Mean luma of the middle of the lower face (the mouth moves there; blinks and sway hardly do). */
    private static double mouthLuma(I420Frame frame) {
        int width = frame.width();
        long sum = 0;
        int count = 0;
        for (int y = frame.height() * 60 / 100; y < frame.height() * 80 / 100; y++) {
            for (int x = width * 40 / 100; x < width * 60 / 100; x++) {
                sum += frame.data()[y * width + x] & 0xff;
                count++;
            }
        }
        return (double) sum / count;
    }

    /** Ticks the stream like a media thread for {@code ms}: audio every 10 ms, a picture every 40 ms. */
    private Run play(AvatarStream stream, long ms) {
        return play(stream, ms, null);
    }

    /** As above; with an idle run, the first picture whose mouth differs from the idle ones is noted. */
    private Run play(AvatarStream stream, long ms, Run idle) {
        double idleMean = idle == null ? 0 : idle.mouthLuma.stream().skip(idle.mouthLuma.size() / 2).mapToDouble(v -> v).average().orElse(0);
        double idleSpread = idle == null ? 0 : idle.mouthLuma.stream().skip(idle.mouthLuma.size() / 2)
                .mapToDouble(v -> Math.abs(v - idleMean)).max().orElse(0);
        Run run = new Run();
        long startNs = System.nanoTime();
        for (long tick = 0; tick * 10 < ms; tick++) {
            long dueNs = startNs + tick * TICK_NS;
            LockSupport.parkNanos(dueNs - System.nanoTime());
            stream.fillAudio(tenMs, dueNs);
            double rms = AudioLevels.rms(tenMs, tenMs.length);
            long atMs = tick * 10;
            if (rms > 0.05) { // speech level (-26 dBFS); codec tails after a cut stay below it
                run.firstLoudMs = run.firstLoudMs < 0 ? atMs : run.firstLoudMs;
                run.lastLoudMs = atMs;
            }
            run.loudestRms = Math.max(run.loudestRms, rms);
            if (tick % 4 == 0) {
                I420Frame frame = stream.frameAt(dueNs);
                run.lastFrameWidth = frame.width();
                double luma = mouthLuma(frame);
                run.mouthLuma.add(luma);
                if (idle != null && run.firstMouthMs < 0 && Math.abs(luma - idleMean) > Math.max(4, 3 * idleSpread)) {
                    run.firstMouthMs = atMs;
                }
            }
        }
        run.durationMs = ms;
        return run;
    }

    private static void pushReply(AvatarStream stream, long replyId, int ms) throws InterruptedException {
        stream.push(new SpeechQueue.ReplyStart(replyId));
        int frames = SPEECH.framesIn(ms);
        short[] samples = new short[frames];
        for (int i = 0; i < frames; i++) { // a vowel-like buzz: 180 Hz with harmonics, loud enough to open the mouth
            double t = (double) i / SPEECH.sampleRateHz();
            samples[i] = (short) (6_000 * (Math.sin(2 * Math.PI * 180 * t) + 0.5 * Math.sin(2 * Math.PI * 360 * t)));
        }
        stream.push(new SpeechQueue.Audio(replyId, new PcmChunk(SPEECH, Arrays.copyOf(samples, frames), frames)));
        stream.push(new SpeechQueue.ReplyEnd(replyId));
    }
}
