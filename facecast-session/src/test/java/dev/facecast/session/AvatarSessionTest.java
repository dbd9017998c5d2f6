package dev.facecast.session;

import dev.facecast.media.MediaOutput;
import dev.facecast.media.agent.MediaRunner;
import dev.facecast.media.agent.SchedulerObserver;
import dev.facecast.media.audio.AudioFormat;
import dev.facecast.media.clock.NanoClock;
import dev.facecast.media.video.I420Frame;
import dev.facecast.tts.freetts.FreeTtsSynthesizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AvatarSessionTest {

    private static FreeTtsSynthesizer tts;
    private static MediaRunner runner;

    @BeforeAll
    static void start() {
        tts = new FreeTtsSynthesizer(1);
        runner = new MediaRunner(1, NanoClock.SYSTEM, SchedulerObserver.NONE);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        runner.close();
        tts.close();
    }

    @Test
    void shouldSpeakInRealTimeAndReleaseEverythingOnClose() throws Exception {
        SessionManager manager = new SessionManager(tts, runner, AudioFormat.mono(16_000), 4);
        AvatarSession session = manager.create(new VideoSettings(320, 240, 15));
        CountingOutput output = new CountingOutput(AudioFormat.mono(16_000));
        session.start(output);
        session.say("Hello, I am speaking now.");

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (session.stats().speechMsPushed() < 1_000 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        SessionStats stats = session.stats();
        manager.delete(session.id());

        assertThat(stats.speechMsPushed()).isGreaterThanOrEqualTo(1_000);
        assertThat(output.loudSamples.get()).isPositive();
        assertThat(stats.framesPushed()).isPositive();
        assertThat(session.resamplersActive()).isZero();
        assertThat(session.state()).isEqualTo(AvatarSession.State.CLOSED);
        assertThat(session.framesOutstanding()).isZero();
        long framesAtClose = output.frames.get();
        Thread.sleep(200);
        assertThat(output.frames.get()).isEqualTo(framesAtClose);
        assertThat(manager.find(session.id())).isEmpty();
    }

    @Test
    void shouldCountOneResamplerWhenTheOutputRateDiffers() {
        SessionManager manager = new SessionManager(tts, runner, AudioFormat.mono(48_000), 4);

        AvatarSession session = manager.create(VideoSettings.DEFAULT);

        assertThat(session.resamplersActive()).isEqualTo(1);
        manager.close();
    }

    @Test
    void shouldRefuseSessionsBeyondTheLimitAndBadSettings() {
        SessionManager manager = new SessionManager(tts, runner, AudioFormat.mono(16_000), 1);
        manager.create(VideoSettings.DEFAULT);

        assertThatThrownBy(() -> manager.create(VideoSettings.DEFAULT)).isInstanceOf(SessionManager.CapacityException.class);
        assertThatThrownBy(() -> new VideoSettings(721, 480, 15)).hasMessageContaining("width");
        assertThatThrownBy(() -> new VideoSettings(720, 480, 0)).hasMessageContaining("fps");
        assertThatThrownBy(() -> new VideoSettings(720, 480, 61)).hasMessageContaining("fps");
        manager.close();
    }

    @Test
    void shouldRefuseASecondStartAndSpeechAfterClose() {
        SessionManager manager = new SessionManager(tts, runner, AudioFormat.mono(16_000), 2);
        AvatarSession session = manager.create(new VideoSettings(320, 240, 15));
        session.start(new CountingOutput(AudioFormat.mono(16_000)));

        assertThatThrownBy(() -> session.start(new CountingOutput(AudioFormat.mono(16_000))))
                .isInstanceOf(IllegalStateException.class);
        manager.delete(session.id());
        assertThatThrownBy(() -> session.say("hi")).hasMessageContaining("closed");
    }

    private static final class CountingOutput implements MediaOutput {
        final AudioFormat format;
        final AtomicLong frames = new AtomicLong();
        final AtomicLong loudSamples = new AtomicLong();

        CountingOutput(AudioFormat format) {
            this.format = format;
        }

        @Override
        public AudioFormat audioFormat() {
            return format;
        }

        @Override
        public void pushAudio(short[] samples, int count) {
            for (int i = 0; i < count; i++) {
                if (Math.abs(samples[i]) > 1000) {
                    loudSamples.incrementAndGet();
                }
            }
        }

        @Override
        public void pushVideo(I420Frame frame) {
            frames.incrementAndGet();
        }
    }
}
