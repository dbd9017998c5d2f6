package dev.facecast.media.agent;

import dev.facecast.media.clock.ManualNanoClock;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The media thread's duty cycle on a manual clock: deterministic, no threads, no sleeps. */
@Tag("unit")
class DutyCycleTest {

    private final ManualNanoClock clock = new ManualNanoClock(0);
    private final List<Long> lags = new ArrayList<>();
    private final List<Throwable> failures = new ArrayList<>();
    private final DutyCycle cycle = new DutyCycle(clock, new SchedulerObserver() {
        @Override
        public void onLag(long lagNs) {
            lags.add(lagNs);
        }

        @Override
        public void onAgentFailed(MediaAgent agent, Throwable failure) {
            failures.add(failure);
        }
    });

    @Test
    void shouldRunAnAgentAtItsDeadlinesAndParkUntilTheNext() {
        PeriodicAgent agent = new PeriodicAgent(10_000_000);
        cycle.add(agent);

        long park = cycle.runOnce();          // due at 0; next at 10 ms, but parks are capped
        clock.advanceNs(park);
        long secondPark = cycle.runOnce();    // at 5 ms: nothing due
        clock.advanceNs(secondPark);
        cycle.runOnce();                      // at 10 ms: due
        clock.advanceNs(3_000_000);
        long parkAgain = cycle.runOnce();     // at 13 ms: next deadline at 20 ms

        assertThat(park).isEqualTo(DutyCycle.MAX_PARK_NS);
        assertThat(secondPark).isEqualTo(5_000_000);
        assertThat(agent.runs).isEqualTo(2);
        assertThat(parkAgain).isEqualTo(DutyCycle.MAX_PARK_NS);
    }

    @Test
    void shouldReportHowLateADueAgentStarted() {
        PeriodicAgent agent = new PeriodicAgent(10_000_000);
        cycle.add(agent);
        cycle.runOnce();            // deadline 0, run at 0
        clock.advanceNs(13_000_000); // deadline 10 ms, run at 13 ms

        cycle.runOnce();

        assertThat(lags).containsExactly(0L, 3_000_000L);
    }

    @Test
    void shouldRemoveAFailingAgentAndKeepTheOthersRunning() {
        PeriodicAgent healthy = new PeriodicAgent(1_000_000);
        PeriodicAgent failing = new PeriodicAgent(1_000_000) {
            @Override
            public int doWork(long nowNs) {
                throw new IllegalStateException("broken agent");
            }
        };
        cycle.add(failing);
        cycle.add(healthy);

        for (int i = 0; i < 5; i++) {
            cycle.runOnce();
            clock.advanceNs(1_000_000);
        }

        assertThat(failures).extracting(Throwable::getMessage).containsExactly("broken agent");
        assertThat(failing.closed).isTrue();
        assertThat(healthy.runs).isEqualTo(5);
        assertThat(cycle.agentCount()).isEqualTo(1);
    }

    @Test
    void shouldApplyRemovalsAtTheTopOfTheNextCycle() {
        PeriodicAgent agent = new PeriodicAgent(1_000_000);
        cycle.add(agent);
        cycle.runOnce();
        List<Boolean> removed = new ArrayList<>();

        cycle.remove(agent, removed::add);
        assertThat(agent.closed).isFalse();
        cycle.runOnce();

        assertThat(removed).containsExactly(true);
        assertThat(agent.closed).isTrue();
        assertThat(agent.runs).isEqualTo(1);
        assertThat(cycle.agentCount()).isZero();
    }

    private static class PeriodicAgent implements MediaAgent {
        final long periodNs;
        long nextNs;
        int runs;
        boolean closed;

        PeriodicAgent(long periodNs) {
            this.periodNs = periodNs;
        }

        @Override
        public int doWork(long nowNs) {
            if (nowNs < nextNs) {
                return 0;
            }
            runs++;
            nextNs += periodNs;
            return 1;
        }

        @Override
        public long nextDeadlineNs() {
            return nextNs;
        }

        @Override
        public String roleName() {
            return "periodic";
        }

        @Override
        public void onClose() {
            closed = true;
        }
    }
}
