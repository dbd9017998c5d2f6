package dev.facecast.session;

import dev.facecast.avatar.AvatarConformance;
import dev.facecast.avatar.AvatarOptions;
import dev.facecast.avatar.AvatarStream;
import dev.facecast.avatar.RecordedReplies;
import dev.facecast.avatar.SpeechQueue;
import dev.facecast.avatar.SpriteAvatar;
import dev.facecast.media.MediaOutput;
import dev.facecast.media.audio.AudioFormat;
import dev.facecast.media.clock.ManualNanoClock;
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
    private final RecordingOutput output = new RecordingOutput();
    private final MediaTotals totals = new MediaTotals();
    private final RecordedReplies replies = new RecordedReplies();
    private final AvatarStream face = new SpriteAvatar().open(new AvatarOptions("t1", 320, 240, FORMAT, 1, () -> { }), replies);
    private final SessionMediaAgent agent = agent(0);

    private SessionMediaAgent agent(int idleFps) {
        SessionMediaAgent made = new SessionMediaAgent("t1", new VideoSettings(320, 240, 15), idleFps, face, totals,
                FrameObserver.NONE);
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
        assertThat(face.framesOutstanding()).isZero();
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
    void shouldReportWhenAReplyIsHeardAndWhenItEnds() throws Exception {
        face.push(new SpeechQueue.ReplyStart(1));
        face.push(new SpeechQueue.Audio(1, AvatarConformance.tone(300)));
        face.push(new SpeechQueue.ReplyEnd(1));

        runFor(500);

        assertThat(replies.events()).containsExactly("audible 1", "ended 1 after 300 ms");
    }

    @Test
    void shouldDropTheReplyBeingPlayedOnInterruptAndReportWhatWasHeard() throws Exception {
        face.push(new SpeechQueue.ReplyStart(1));
        face.push(new SpeechQueue.Audio(1, AvatarConformance.tone(1_000)));
        face.push(new SpeechQueue.ReplyEnd(1));
        runFor(200);

        face.clearThrough(1);
        face.push(new SpeechQueue.Audio(1, AvatarConformance.tone(500))); // late speech of the cut reply
        runFor(300);

        assertThat(replies.events()).containsExactly("audible 1", "interrupted 1 after 200 ms");
        assertThat(agent.stats().speechMsPushed()).isEqualTo(200);
    }

    @Test
    void shouldPlayAReplyQueuedAfterTheCut() throws Exception {
        face.push(new SpeechQueue.ReplyStart(1));
        face.push(new SpeechQueue.Audio(1, AvatarConformance.tone(1_000)));
        runFor(100);

        face.clearThrough(1);
        face.push(new SpeechQueue.ReplyStart(2));
        face.push(new SpeechQueue.Audio(2, AvatarConformance.tone(200)));
        face.push(new SpeechQueue.ReplyEnd(2));
        runFor(400);

        assertThat(replies.events()).containsExactly("audible 1", "interrupted 1 after 100 ms", "audible 2", "ended 2 after 200 ms");
    }

    @Test
    void shouldRefuseAnOutputOfAnotherAudioFormat() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> agent(0).attach(MediaOutput.discarding(AudioFormat.mono(48_000))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("output takes");
    }

    @Test
    void shouldCountAnUnderrunWhenSpeechRunsOutMidReply() throws Exception {
        face.push(new SpeechQueue.ReplyStart(1));
        face.push(new SpeechQueue.Audio(1, AvatarConformance.tone(15)));

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
        assertThat(face.framesOutstanding()).isZero();
    }

    @Test
    void shouldReturnToTheFullRateAtOnceWhenSpeechStarts() throws Exception {
        SessionMediaAgent idle = agent(5);
        runFor(idle, 1_000);
        face.push(new SpeechQueue.ReplyStart(1));
        face.push(new SpeechQueue.Audio(1, AvatarConformance.tone(1_000)));
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
