package dev.facecast.session;

import dev.facecast.avatar.Avatar;
import dev.facecast.avatar.SpriteAvatar;
import dev.facecast.brain.RuleBrain;
import dev.facecast.media.MediaOutput;
import dev.facecast.media.agent.MediaRunner;
import dev.facecast.media.agent.SchedulerObserver;
import dev.facecast.media.audio.AudioFormat;
import dev.facecast.media.audio.AudioLevels;
import dev.facecast.media.clock.Await;
import dev.facecast.media.clock.NanoClock;
import dev.facecast.media.video.I420Frame;
import dev.facecast.testsupport.CheckLeaks;
import dev.facecast.tts.freetts.FreeTtsSynthesizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A whole session on its real threads: assembly, attachments, teardown order, and nothing left behind. */
@Tag("unit")
@CheckLeaks
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SessionTest {

    private static final AudioFormat OUTPUT = AudioFormat.mono(16_000);
    private static final SessionSpec SMALL = new SessionSpec(new VideoSettings(320, 240, 15), 0);
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

    private static SessionManager manager(AudioFormat output, int maxSessions) {
        return manager(new SpriteAvatar(), output, maxSessions);
    }

    private static SessionManager manager(Avatar avatar, AudioFormat sessionFormat, int maxSessions) {
        return new SessionManager(new SessionFactory(tts, new RuleBrain("Ava", Clock.systemUTC()), null, 0, avatar, runner,
                NanoClock.SYSTEM, sessionFormat, new MediaTotals(), FrameObserver.NONE), maxSessions);
    }

    @Test
    void shouldSpeakInRealTimeAndLeaveNoThreadOrFrameBehind() throws Exception {
        SessionManager manager = manager(OUTPUT, 4);
        Session session = manager.create(SMALL);
        CountingOutput output = new CountingOutput(OUTPUT);
        session.attachOutput(output, output);
        session.conversation().say("Hello, I am speaking now.");

        Await.until("a second of speech pushed", Duration.ofSeconds(20), () -> session.stats().speechMsPushed() >= 1_000);
        SessionStats stats = session.stats();
        manager.delete(session.id());

        assertThat(stats.speechMsPushed()).isGreaterThanOrEqualTo(1_000);
        assertThat(output.loudTicks.get()).isPositive();
        assertThat(stats.framesPushed()).isPositive();
        assertThat(session.resamplersActive()).isZero();
        assertThat(session.state()).isEqualTo(Session.State.CLOSED);
        assertThat(session.framesOutstanding()).isZero();
        assertThat(output.pushesAfterClose.get()).as("nothing pushes into a closed output").isZero();
        assertThat(manager.find(session.id())).isEmpty();
        // @CheckLeaks: every thread of the session ends
    }

    @Test
    void shouldCloseStagesNewestFirst() {
        List<String> closed = new CopyOnWriteArrayList<>();
        SessionManager manager = manager(OUTPUT, 1);
        Session session = manager.create(SMALL);
        session.attachOutput(MediaOutput.discarding(OUTPUT), () -> closed.add("output"));
        session.attachMicrophone(() -> closed.add("microphone"));

        session.close();
        session.close();

        assertThat(closed).containsExactly("microphone", "output");
    }

    @Test
    void shouldCountOneResamplerWhenTheOutputRateDiffers() {
        try (SessionManager manager = manager(AudioFormat.mono(48_000), 4)) {
            assertThat(manager.create(SMALL).resamplersActive()).isEqualTo(1);
        }
    }

    @Test
    void shouldAskTheVoiceForTheFacesInputAndPublishItsOutputWithNoResampler() throws Exception {
        // FreeTTS makes 16 kHz; the face takes that and gives 48 kHz, whatever the session's own 24 kHz
        AudioFormat published = AudioFormat.mono(48_000);
        try (SessionManager manager = manager(new TwoRateAvatar(OUTPUT, published), AudioFormat.mono(24_000), 1)) {
            Session session = manager.create(SMALL);
            CountingOutput output = new CountingOutput(published);
            session.attachOutput(output, output);
            session.conversation().say("Hello, I am speaking at two rates.");

            Await.until("half a second of speech pushed", Duration.ofSeconds(20), () -> session.stats().speechMsPushed() >= 500);

            assertThat(session.speechFormat()).isEqualTo(OUTPUT);
            assertThat(session.audioFormat()).isEqualTo(published);
            assertThat(session.resamplersActive()).isZero();
            assertThat(output.loudTicks.get()).isPositive();
        }
    }

    @Test
    void shouldRefuseSessionsBeyondTheLimitAndBadSettings() {
        try (SessionManager manager = manager(OUTPUT, 1)) {
            manager.create(SMALL);

            assertThatThrownBy(() -> manager.create(SMALL)).isInstanceOf(SessionManager.CapacityException.class);
        }
        assertThatThrownBy(() -> new VideoSettings(721, 480, 15)).hasMessageContaining("width");
        assertThatThrownBy(() -> new VideoSettings(720, 480, 0)).hasMessageContaining("fps");
        assertThatThrownBy(() -> new VideoSettings(720, 480, 61)).hasMessageContaining("fps");
        assertThatThrownBy(() -> new SessionSpec(VideoSettings.DEFAULT, 99)).hasMessageContaining("idleFps");
    }

    @Test
    void shouldRefuseASecondOutputASecondMicrophoneAndAttachmentsAfterClose() {
        try (SessionManager manager = manager(OUTPUT, 2)) {
            Session session = manager.create(SMALL);
            session.attachOutput(MediaOutput.discarding(OUTPUT), () -> { });
            session.attachMicrophone(() -> { });

            assertThatThrownBy(() -> session.attachOutput(MediaOutput.discarding(OUTPUT), () -> { }))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("streaming");
            assertThatThrownBy(() -> session.attachMicrophone(() -> { })).hasMessageContaining("already has a microphone");
            Session other = manager.create(SMALL);
            other.close();
            assertThatThrownBy(() -> other.attachMicrophone(() -> { })).hasMessageContaining("closed");
        }
    }

    /** Counts what it is given, and anything given after it was closed. */
    private static final class CountingOutput implements MediaOutput, AutoCloseable {
        final AtomicLong loudTicks = new AtomicLong();
        final AtomicLong pushesAfterClose = new AtomicLong();
        private final AudioFormat format;
        private volatile boolean closed;

        CountingOutput(AudioFormat format) {
            this.format = format;
        }

        @Override
        public AudioFormat audioFormat() {
            return format;
        }

        @Override
        public void pushAudio(short[] samples, int frames) {
            count();
            if (AudioLevels.rms(samples, frames) > 0.02) {
                loudTicks.incrementAndGet();
            }
        }

        @Override
        public void pushVideo(I420Frame frame) {
            count();
        }

        private void count() {
            if (closed) {
                pushesAfterClose.incrementAndGet();
            }
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
