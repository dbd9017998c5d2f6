package dev.facecast.session;

import dev.facecast.avatar.AvatarRenderer;
import dev.facecast.avatar.SpriteSheet;
import dev.facecast.avatar.Viseme;
import dev.facecast.media.MediaOutput;
import dev.facecast.media.audio.AudioFormat;
import dev.facecast.media.audio.PcmChunk;
import dev.facecast.media.clock.ManualNanoClock;
import dev.facecast.media.speech.PhoneTiming;
import dev.facecast.media.video.FramePool;
import dev.facecast.media.video.I420Frame;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("unit")
class SessionMediaAgentTest {

    private static final AudioFormat FORMAT = AudioFormat.mono(16_000);

    private final ManualNanoClock clock = new ManualNanoClock(1_000_000_000L);
    private final SpeechQueue speech = new SpeechQueue(64, () -> { });
    private final RecordingOutput output = new RecordingOutput();
    private final FramePool pool = new FramePool(320, 240, 2);
    private final MediaTotals totals = new MediaTotals();
    private final List<String> replyEvents = new ArrayList<>();
    private final ReplyListener replies = new ReplyListener() {
        @Override
        public void onReplyAudible(long replyId, long nowNs) {
            replyEvents.add("audible " + replyId);
        }

        @Override
        public void onReplyEnded(long replyId, long playedMs, boolean interrupted, long nowNs) {
            replyEvents.add((interrupted ? "interrupted " : "ended ") + replyId + " after " + playedMs + " ms");
        }
    };
    private final SessionMediaAgent agent = agent(0);

    private SessionMediaAgent agent(int idleFps) {
        SessionMediaAgent made = new SessionMediaAgent("t1", new VideoSettings(320, 240, 15), idleFps, speech, FORMAT,
                new AvatarRenderer(SpriteSheet.forSize(320, 240)), pool, 1, totals, FrameObserver.NONE, replies);
        made.attach(output);
        return made;
    }

    @Test
    void shouldPushTenMsOfAudioEvery10MsAndFramesAtTheRequestedRate() {
        runFor(1_000);

        assertThat(output.audioPushes).isEqualTo(100);
        assertThat(output.audioFrames).isEqualTo(16_000);
        assertThat(output.frameTimesUs).hasSize(15);
        agent.onClose();
        assertThat(pool.outstanding()).isZero();
    }

    @Test
    void shouldFollowAFrameRateChangeAtTheNextFrame() {
        runFor(1_000);
        agent.requestFps(5);
        output.frameTimesUs.clear();

        runFor(2_000);

        assertThat(output.frameTimesUs).hasSize(10);
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < output.frameTimesUs.size(); i++) {
            gaps.add(output.frameTimesUs.get(i) - output.frameTimesUs.get(i - 1));
        }
        assertThat(gaps).allSatisfy(gapUs -> assertThat(gapUs).isBetween(199_000L, 201_000L));
    }

    @Test
    void shouldShowTheMouthOfThePhoneBeingPlayed() throws Exception {
        speech.put(new SpeechQueue.ReplyStart(1));
        speech.put(new SpeechQueue.Phones(1, List.of(new PhoneTiming("m", 200), new PhoneTiming("aa", 600),
                new PhoneTiming("uw", 1000))));
        speech.put(new SpeechQueue.Audio(1, tone(1_000)));
        speech.put(new SpeechQueue.ReplyEnd(1));
        List<Viseme> seen = new ArrayList<>();

        for (int ms = 0; ms < 1_200; ms++) {
            int before = output.frameTimesUs.size();
            agent.doWork(clock.nanoTime());
            if (output.frameTimesUs.size() > before) {
                seen.add(agent.lastViseme());
            }
            clock.advanceMs(1);
        }

        // 15 fps: frames at 0, 67, 133 ms show m; 200..533 aa; 600..933 uw; then rest
        assertThat(seen.subList(1, 3)).containsOnly(Viseme.MBP);
        assertThat(seen.subList(4, 8)).containsOnly(Viseme.AA);
        assertThat(seen.subList(10, 14)).containsOnly(Viseme.OO);
        assertThat(seen.getLast()).isEqualTo(Viseme.REST);
        assertThat(agent.stats().speechMsPushed()).isEqualTo(1_000);
    }

    @Test
    void shouldReportWhenAReplyIsHeardAndWhenItEnds() throws Exception {
        speech.put(new SpeechQueue.ReplyStart(1));
        speech.put(new SpeechQueue.Audio(1, tone(300)));
        speech.put(new SpeechQueue.ReplyEnd(1));

        runFor(500);

        assertThat(replyEvents).containsExactly("audible 1", "ended 1 after 300 ms");
    }

    @Test
    void shouldDropTheReplyBeingPlayedOnInterruptAndReportWhatWasHeard() throws Exception {
        speech.put(new SpeechQueue.ReplyStart(1));
        speech.put(new SpeechQueue.Audio(1, tone(1_000)));
        speech.put(new SpeechQueue.ReplyEnd(1));
        runFor(200);

        speech.cutThrough(1);
        speech.put(new SpeechQueue.Audio(1, tone(500))); // late speech of the cut reply
        runFor(300);

        assertThat(replyEvents).containsExactly("audible 1", "interrupted 1 after 200 ms");
        assertThat(agent.stats().speechMsPushed()).isEqualTo(200);
        assertThat(agent.lastViseme()).isEqualTo(Viseme.REST);
    }

    @Test
    void shouldPlayAReplyQueuedAfterTheCut() throws Exception {
        speech.put(new SpeechQueue.ReplyStart(1));
        speech.put(new SpeechQueue.Audio(1, tone(1_000)));
        runFor(100);

        speech.cutThrough(1);
        speech.put(new SpeechQueue.ReplyStart(2));
        speech.put(new SpeechQueue.Audio(2, tone(200)));
        speech.put(new SpeechQueue.ReplyEnd(2));
        runFor(400);

        assertThat(replyEvents).containsExactly("audible 1", "interrupted 1 after 100 ms", "audible 2", "ended 2 after 200 ms");
    }

    @Test
    void shouldRefuseAnOutputOfAnotherAudioFormat() {
        SessionMediaAgent fresh = new SessionMediaAgent("t2", new VideoSettings(320, 240, 15), 0, speech, FORMAT,
                new AvatarRenderer(SpriteSheet.forSize(320, 240)), pool, 1, totals, FrameObserver.NONE, replies);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> fresh.attach(MediaOutput.discarding(AudioFormat.mono(48_000))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("48000");
    }

    @Test
    void shouldMoveTheMouthWithLoudnessWhenThereAreNoPhones() throws Exception {
        speech.put(new SpeechQueue.ReplyStart(1));
        speech.put(new SpeechQueue.Audio(1, tone(500)));
        runFor(300);

        assertThat(agent.lastViseme()).isNotEqualTo(Viseme.REST);
    }

    @Test
    void shouldCountAnUnderrunWhenSpeechRunsOutMidReply() throws Exception {
        speech.put(new SpeechQueue.ReplyStart(1));
        speech.put(new SpeechQueue.Audio(1, tone(15)));

        runFor(100);

        assertThat(agent.stats().audioUnderruns()).isEqualTo(1);
        assertThat(agent.stats().speechMsPushed()).isEqualTo(15);
    }

    @Test
    void shouldDropToTheIdleRateInSilenceAndSkipDrawingUnchangedFrames() {
        SessionMediaAgent idle = agent(5);
        runFor(idle, 2_000);

        assertThat(output.frameTimesUs).hasSize(10);
        assertThat(idle.stats().framesRendered()).isLessThan(idle.stats().framesPushed());
        assertThat(totals.framesPushed()).isEqualTo(10);
        idle.onClose();
        assertThat(pool.outstanding()).isZero();
    }

    @Test
    void shouldReturnToTheFullRateAtOnceWhenSpeechStarts() throws Exception {
        SessionMediaAgent idle = agent(5);
        runFor(idle, 1_000);
        speech.put(new SpeechQueue.ReplyStart(1));
        speech.put(new SpeechQueue.Audio(1, tone(1_000)));
        long speechQueuedUs = clock.nanoTime() / 1_000;
        output.frameTimesUs.clear();

        runFor(idle, 1_000);

        // the first frame within one audio tick, then 15 fps
        assertThat(output.frameTimesUs.getFirst() - speechQueuedUs).isLessThanOrEqualTo(10_000);
        assertThat(output.frameTimesUs).hasSizeBetween(14, 16);
        assertThat(idle.currentFps()).isEqualTo(15);
        idle.onClose();
    }

    @Test
    void shouldSendAFrameAtOnceAndTheFullRateForASecondWhenWoken() {
        SessionMediaAgent idle = agent(5);
        runFor(idle, 1_000);
        output.frameTimesUs.clear();
        long wokenUs = clock.nanoTime() / 1_000;

        idle.requestWake();
        runFor(idle, 1_000);

        assertThat(output.frameTimesUs.getFirst()).isEqualTo(wokenUs);
        assertThat(output.frameTimesUs).hasSizeBetween(14, 16);
        idle.onClose();
    }

    private void runFor(long ms) {
        runFor(agent, ms);
    }

    private void runFor(SessionMediaAgent target, long ms) {
        long endNs = clock.nanoTime() + ms * 1_000_000L;
        while (clock.nanoTime() < endNs) {
            target.doWork(clock.nanoTime());
            clock.advanceMs(1);
        }
    }

    private static PcmChunk tone(int ms) {
        int frames = FORMAT.framesIn(ms);
        short[] samples = new short[frames];
        for (int i = 0; i < frames; i++) {
            samples[i] = (short) (8000 * Math.sin(2 * Math.PI * 220 * i / 16_000.0));
        }
        return new PcmChunk(FORMAT, samples, frames);
    }

    private static final class RecordingOutput implements MediaOutput {
        int audioPushes;
        long audioFrames;
        final List<Long> frameTimesUs = new ArrayList<>();

        @Override
        public AudioFormat audioFormat() {
            return FORMAT;
        }

        @Override
        public void pushAudio(short[] samples, int frames) {
            audioPushes++;
            audioFrames += frames;
        }

        @Override
        public void pushVideo(I420Frame frame) {
            frameTimesUs.add(frame.timestampUs());
        }
    }
}
