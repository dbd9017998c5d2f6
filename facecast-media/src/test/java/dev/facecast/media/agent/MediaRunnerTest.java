package dev.facecast.media.agent;

import dev.facecast.media.clock.NanoClock;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("unit")
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class MediaRunnerTest {

    @Test
    void shouldRunAgentsOnNamedMediaThreadsAndCloseThemOnRemoval() throws Exception {
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        try (MediaRunner runner = new MediaRunner(2, NanoClock.SYSTEM, recordingFailures(failures))) {
            CountingAgent agent = new CountingAgent();
            runner.add(agent);
            while (agent.cycles.get() < 3) {
                Thread.onSpinWait();
            }
            runner.remove(agent).get(5, TimeUnit.SECONDS);

            assertThat(agent.threadName).startsWith("facecast-media-");
            assertThat(agent.closed.get()).isEqualTo(1);
            assertThat(failures).isEmpty();
        }
    }

    @Test
    void shouldIsolateAFailingAgent() throws Exception {
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        try (MediaRunner runner = new MediaRunner(1, NanoClock.SYSTEM, recordingFailures(failures))) {
            CountingAgent healthy = new CountingAgent();
            CountingAgent failing = new CountingAgent() {
                @Override
                public int doWork(long nowNs) {
                    throw new IllegalStateException("boom");
                }
            };
            runner.add(failing);
            runner.add(healthy);
            int before = healthy.cycles.get();
            while (healthy.cycles.get() < before + 5 || failing.closed.get() == 0) {
                Thread.onSpinWait();
            }
            runner.remove(failing).get(5, TimeUnit.SECONDS);

            assertThat(failures).singleElement().extracting(Throwable::getMessage).isEqualTo("boom");
            assertThat(failing.closed.get()).isEqualTo(1);
        }
    }

    static SchedulerObserver recordingFailures(List<Throwable> failures) {
        return new SchedulerObserver() {
            @Override
            public void onLag(long lagNs) {
            }

            @Override
            public void onAgentFailed(MediaAgent agent, Throwable failure) {
                failures.add(failure);
            }
        };
    }

    static class CountingAgent implements MediaAgent {
        final AtomicInteger cycles = new AtomicInteger();
        final AtomicInteger closed = new AtomicInteger();
        volatile String threadName;
        volatile long nextNs;

        @Override
        public int doWork(long nowNs) {
            threadName = Thread.currentThread().getName();
            cycles.incrementAndGet();
            nextNs = nowNs + 1_000_000;
            return 1;
        }

        @Override
        public long nextDeadlineNs() {
            return nextNs;
        }

        @Override
        public String roleName() {
            return "counting";
        }

        @Override
        public void onClose() {
            closed.incrementAndGet();
        }
    }
}
