package dev.facecast.server.metrics;

import dev.facecast.session.SessionStats;
import dev.facecast.webrtc.PublisherStats;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** Whether the sampler marks an interval steady: the same sessions at its start and its end. */
class ResourceSamplerTest {

    private final List<SessionProbe> running = new ArrayList<>();
    private final ResourceSampler sampler = new ResourceSampler(() -> List.copyOf(running), new EncoderThreads(),
            Duration.ofSeconds(5));

    @Test
    void shouldMarkAnIntervalUnsteadyWhenASessionJoined() {
        running.add(probe("a"));
        sampler.sample();
        sampler.sample();
        running.add(probe("b"));

        sampler.sample();

        assertThat(sampler.latest().sessionCount()).isEqualTo(ResourceSnapshot.UNSTEADY);
    }

    @Test
    void shouldMarkAnIntervalUnsteadyWhenOneSessionLeftAndAnotherJoined() {
        running.add(probe("a"));
        sampler.sample();
        sampler.sample();
        running.set(0, probe("b"));

        sampler.sample();

        assertThat(sampler.latest().sessionCount()).isEqualTo(ResourceSnapshot.UNSTEADY);
    }

    @Test
    void shouldMarkAnIntervalSteadyWhenTheSameSessionsRanThroughIt() {
        running.add(probe("a"));
        running.add(probe("b"));
        sampler.sample();

        sampler.sample();

        assertThat(sampler.latest().sessionCount()).isEqualTo(2);
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
