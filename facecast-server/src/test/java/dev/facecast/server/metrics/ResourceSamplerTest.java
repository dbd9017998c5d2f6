package dev.facecast.server.metrics;

import dev.facecast.media.clock.ManualNanoClock;
import dev.facecast.session.SessionStats;
import dev.facecast.webrtc.PublisherStats;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

/**
 * The real sampler on a fake clock, a fake process CPU counter and no threads: whether it
 * marks an interval steady (the same sessions at its start and its end) and what it measures.
 */
@Tag("unit")
class ResourceSamplerTest {

    private final List<SessionProbe> running = new ArrayList<>();
    private final ManualNanoClock clock = new ManualNanoClock(1_000_000_000L);
    private double processCpuSeconds;
    private final ResourceSampler sampler = new ResourceSampler(() -> List.copyOf(running), new EncoderThreads(),
            Duration.ofSeconds(5), snapshot -> { }, new ProcessReadings(clock, () -> processCpuSeconds, List::of));

    @Test
    void shouldMarkTheFirstSampleUnsteadyForItHasNoInterval() {
        running.add(probe("a"));

        sampler.sample();

        assertThat(sampler.latest().sessionCount()).isEqualTo(ResourceSnapshot.UNSTEADY);
    }

    @Test
    void shouldMarkAnIntervalUnsteadyWhenASessionJoined() {
        running.add(probe("a"));
        sampler.sample();
        interval(0.2);
        sampler.sample();
        running.add(probe("b"));
        interval(0.9);

        sampler.sample();

        assertThat(sampler.latest().sessionCount()).isEqualTo(ResourceSnapshot.UNSTEADY);
    }

    @Test
    void shouldMarkAnIntervalUnsteadyWhenASessionLeft() {
        running.add(probe("a"));
        running.add(probe("b"));
        sampler.sample();
        interval(0.4);
        sampler.sample();
        running.removeFirst();
        interval(0.3);

        sampler.sample();

        assertThat(sampler.latest().sessionCount()).isEqualTo(ResourceSnapshot.UNSTEADY);
    }

    @Test
    void shouldMarkAnIntervalUnsteadyWhenOneSessionLeftAndAnotherJoined() {
        running.add(probe("a"));
        sampler.sample();
        interval(0.2);
        sampler.sample();
        running.set(0, probe("b"));
        interval(0.9);

        sampler.sample();

        assertThat(sampler.latest().sessionCount()).isEqualTo(ResourceSnapshot.UNSTEADY);
    }

    @Test
    void shouldMarkAnIntervalSteadyWhenTheSameSessionsRanThroughIt() {
        running.add(probe("a"));
        running.add(probe("b"));
        sampler.sample();
        interval(0.2);
        sampler.sample();
        running.add(probe("c"));
        interval(1.5);
        sampler.sample();
        interval(0.6);

        sampler.sample();

        assertThat(sampler.latest().sessionCount()).isEqualTo(3);
        assertThat(sampler.latest().processCores()).isCloseTo(0.6 / 5, offset(1e-9));
    }

    @Test
    void shouldTellEverySampleToTheListener() {
        List<ResourceSnapshot> told = new ArrayList<>();
        ResourceSampler listened = new ResourceSampler(List::of, new EncoderThreads(), Duration.ofSeconds(5), told::add,
                new ProcessReadings(clock, () -> processCpuSeconds, List::of));

        listened.sample();
        interval(0.1);
        listened.sample();

        assertThat(told).hasSize(2).last().isSameAs(listened.latest());
    }

    /** Five seconds pass, in which the process spends {@code cpuSeconds}. */
    private void interval(double cpuSeconds) {
        clock.advanceMs(5_000);
        processCpuSeconds += cpuSeconds;
    }

    private static SessionProbe probe(String id) {
        return new SessionProbe() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public SessionStats stats() {
                return SessionStats.NONE;
            }

            @Override
            public CompletableFuture<PublisherStats> publisherStats() {
                return CompletableFuture.completedFuture(PublisherStats.NONE);
            }
        };
    }
}
