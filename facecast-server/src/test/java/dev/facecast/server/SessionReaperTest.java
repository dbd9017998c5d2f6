package dev.facecast.server;

import dev.facecast.media.clock.ManualNanoClock;
import dev.facecast.session.SessionLiveness;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The lifetime rules on a manual clock. */
@Tag("unit")
class SessionReaperTest {

    private final ManualNanoClock clock = new ManualNanoClock(1_000_000_000L);
    private final Lifetimes lifetimes = new Lifetimes(Duration.ofSeconds(30), Duration.ofMinutes(10), Duration.ofHours(2),
            Duration.ofSeconds(4));
    private final SessionReaper reaper = new SessionReaper(lifetimes, clock, List::of, (session, reason) -> { });
    private final SessionLiveness liveness = new SessionLiveness(clock);

    private Optional<CloseReason> after(Duration elapsed) {
        clock.advanceNs(elapsed.toNanos());
        return reaper.expired(liveness, clock.nanoTime());
    }

    @Test
    void shouldCloseASessionNoReceiverJoinedAtTheConnectTimeout() {
        assertThat(after(Duration.ofSeconds(29))).isEmpty();
        assertThat(after(Duration.ofSeconds(1))).hasValue(CloseReason.NEVER_CONNECTED);
    }

    @Test
    void shouldCloseASessionWhosePeerStayedQuiet() {
        liveness.peerConnected();
        after(Duration.ofSeconds(60));
        liveness.peerLost();

        assertThat(after(Duration.ofMillis(3_900))).isEmpty();
        assertThat(after(Duration.ofMillis(100))).hasValue(CloseReason.PEER_GONE);
    }

    @Test
    void shouldKeepASessionWhosePeerCameBack() {
        liveness.peerConnected();
        liveness.peerLost();
        after(Duration.ofSeconds(2));
        liveness.peerConnected();

        assertThat(after(Duration.ofSeconds(10))).isEmpty();
    }

    @Test
    void shouldCloseAnIdleSessionAndAnyAtTheMaximumDuration() {
        liveness.peerConnected();
        assertThat(after(Duration.ofMinutes(9))).isEmpty();
        liveness.touch();
        assertThat(after(Duration.ofMinutes(9))).isEmpty();
        assertThat(after(Duration.ofMinutes(1))).hasValue(CloseReason.IDLE);

        for (int i = 0; i < 12; i++) {
            liveness.touch();
            after(Duration.ofMinutes(9));
        }
        liveness.touch();
        assertThat(reaper.expired(liveness, clock.nanoTime())).hasValue(CloseReason.MAX_DURATION);
    }

    @Test
    void shouldRefuseAbsurdLimits() {
        assertThatThrownBy(() -> new Lifetimes(Duration.ZERO, Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofSeconds(1)))
                .hasMessageContaining("connect timeout");
        assertThatThrownBy(() -> new Lifetimes(Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofDays(30),
                Duration.ofSeconds(1))).hasMessageContaining("maximum duration");
    }
}
