package dev.facecast.webrtc;

import dev.facecast.media.sdp.SdpException;
import dev.facecast.media.sdp.SdpOffer;
import dev.facecast.media.audio.AudioFormat;
import dev.facecast.media.video.FramePool;
import dev.facecast.media.video.I420Frame;
import dev.facecast.testsupport.CheckLeaks;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Tag("native")
@CheckLeaks
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PublisherTest {

    @RegisterExtension
    static final Runtimes runtimes = new Runtimes();
    private static final PublisherSettings SETTINGS =
            new PublisherSettings(AudioFormat.mono(16_000), 800_000, Duration.ofSeconds(5));

    @Test
    void shouldStreamVideoToAReceiverAndReleaseEveryNativeFrame() throws Exception {
        try (Receiver receiver = new Receiver(runtimes.receivers);
             Publisher publisher = new Publisher(runtimes.publishers, SETTINGS, "t1", state -> { })) {
            String answer = publisher.answer(receiver.offer());
            receiver.accept(answer);
            FramePool pool = new FramePool(320, 240, 2);
            short[] tenMs = new short[160];
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            int pushed = 0;
            while (receiver.framesReceived() < 10 && System.nanoTime() < deadline) {
                I420Frame frame = pool.acquire();
                try {
                    java.util.Arrays.fill(frame.data(), (byte) (pushed * 7));
                    frame.setTimestampUs(System.nanoTime() / 1000);
                    publisher.pushVideo(frame);
                    for (int i = 0; i < 160; i++) {
                        tenMs[i] = (short) (8000 * Math.sin(2 * Math.PI * 440 * (pushed * 160 + i) / 16_000.0));
                    }
                    publisher.pushAudio(tenMs, 160);
                    pushed++;
                } finally {
                    frame.release();
                }
                Thread.sleep(33); // about 30 fps, as a session would push
            }

            assertThat(answer).contains("VP8").contains("a=sendonly");
            assertThat(answer.indexOf("VP8")).isLessThan(answer.indexOf("VP9") < 0 ? Integer.MAX_VALUE : answer.indexOf("VP9"));
            assertThat(receiver.framesReceived()).isGreaterThanOrEqualTo(10);
            assertThat(receiver.lastWidth()).isEqualTo(320);
            assertThat(receiver.lastHeight()).isEqualTo(240);
            assertThat(pool.outstanding()).isZero();
            assertThat(receiver.firstFrameAtNs()).isPositive();
            Receiver.Stats stats = receiver.stats().get(5, TimeUnit.SECONDS);
            assertThat(stats.framesDecoded()).isPositive();
            assertThat(stats.qpSum()).isPositive();
            System.out.printf("[publisher] audio frames received %d, rms %.3f%n", receiver.audioFramesReceived(), receiver.audioRms());
        }
        assertThat(NativeFrames.outstanding()).isZero();
    }

    /** The leak check can fail: a frame stays counted until its release went through. */
    @Test
    void shouldCountANativeFrameUntilItIsReleased() {
        long before = NativeFrames.outstanding();
        var frame = NativeFrames.allocate(320, 240, 0);

        assertThat(NativeFrames.outstanding()).isEqualTo(before + 1);
        NativeFrames.release(frame);
        assertThat(NativeFrames.outstanding()).isEqualTo(before);
    }

    /** Regression: this real Chromium offer (video stopped, port 0) killed the JVM with SIGSEGV. */
    @Test
    void shouldRefuseAnOfferWhoseVideoIsRejectedWithoutTouchingNativeCode() {
        try (Publisher publisher = new Publisher(runtimes.publishers, SETTINGS, "t2", state -> { })) {
            assertThatThrownBy(() -> publisher.answer(Offers.load("chromium-video-stopped")))
                    .isInstanceOf(SdpException.class).hasMessageContaining("rejected (port 0)");
        }
    }

    /** Regression: a stopped transceiver beside a live one reached setDirection, which crashed. */
    @Test
    void shouldAnswerAroundARejectedSectionWithoutCrashing() throws Exception {
        try (Publisher publisher = new Publisher(runtimes.publishers, SETTINGS, "t3", state -> { })) {
            String answer = publisher.answer(Offers.load("chromium-stopped-then-live-video"));
            assertThat(answer).contains("m=video 0 ").contains("a=sendonly").contains("VP8");
        }
    }

    /** Regression: receive-simulcast lines made libwebrtc fail and the server answer 500. */
    @Test
    void shouldAnswerASimulcastOfferWithOneEncoding() throws Exception {
        try (Publisher publisher = new Publisher(runtimes.publishers, SETTINGS, "t4", state -> { })) {
            String answer = publisher.answer(Offers.load("chromium-simulcast-recv"));
            assertThat(answer).contains("a=sendonly").doesNotContain("a=simulcast");
        }
    }
}
