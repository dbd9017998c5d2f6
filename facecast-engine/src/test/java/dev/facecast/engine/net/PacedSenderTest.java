package dev.facecast.engine.net;

import dev.facecast.media.clock.Await;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The send thread visits the sources that queued something, the held ones again, and every one now and then. */
@Tag("unit")
class PacedSenderTest {

    /** Counts its visits; holds (budget ran out) while {@code holdVisits} remain. */
    private static final class CountingSource implements PacedSender.Source {
        final AtomicInteger visits = new AtomicInteger();
        final AtomicInteger holdVisits = new AtomicInteger();

        @Override
        public long sendDue(long nowNs) {
            visits.incrementAndGet();
            return holdVisits.getAndUpdate(left -> Math.max(0, left - 1)) > 0 ? nowNs + PacedSender.PACING_TICK_NS : IDLE;
        }
    }

    @Test
    void shouldVisitOnlyTheWokenSourceBetweenSweeps() throws Exception {
        long startNs = System.nanoTime();
        try (PacedSender sender = new PacedSender()) {
            List<CountingSource> quiet = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                CountingSource source = new CountingSource();
                quiet.add(source);
                sender.add(source);
            }
            CountingSource talking = new CountingSource();
            PacedSender.Registration registration = sender.add(talking);

            for (int i = 0; i < 100; i++) {
                registration.wake();
                Thread.sleep(2);
            }

            long sweeps = (System.nanoTime() - startNs) / 50_000_000L + 2; // the first at start, and a part one
            assertThat(talking.visits.get()).as("the woken source, about once per wake").isGreaterThan(50);
            // a quiet source is visited when added and at each sweep (every 50 ms), not at the other's
            // 100 wakes (a few visits of slack: a loaded machine wakes the thread late)
            assertThat(quiet).allSatisfy(source -> assertThat((long) source.visits.get()).isLessThanOrEqualTo(sweeps + 3));
        }
    }

    @Test
    void shouldVisitAHeldSourceAgainUntilItsQueueIsSent() throws Exception {
        try (PacedSender sender = new PacedSender()) {
            CountingSource source = new CountingSource();
            source.holdVisits.set(5);

            sender.add(source);

            // five 5 ms pacing ticks, well before the next 50 ms sweep would come round
            Await.until("six visits", Duration.ofMillis(45), Duration.ofMillis(1), () -> source.visits.get() >= 6);
        }
    }

    @Test
    void shouldVisitAHeldSourceWhenItSaysItsPacketIsDue() throws Exception {
        try (PacedSender sender = new PacedSender()) {
            long dueNs = System.nanoTime() + 20_000_000L;
            AtomicInteger visitsBeforeDue = new AtomicInteger();
            AtomicInteger visitsWhenDue = new AtomicInteger();
            sender.add(nowNs -> {
                if (nowNs - dueNs < 0) {
                    visitsBeforeDue.incrementAndGet();
                    return dueNs;
                }
                visitsWhenDue.incrementAndGet();
                return PacedSender.Source.IDLE;
            });

            Await.until("the visit at its time", Duration.ofMillis(45), Duration.ofMillis(1), () -> visitsWhenDue.get() > 0);
            assertThat(visitsBeforeDue.get()).as("the first visit (and the first sweep), no 5 ms pacing ticks while it waits").isBetween(1, 2);
        }
    }

    @Test
    void shouldStopVisitingARemovedSource() throws Exception {
        try (PacedSender sender = new PacedSender()) {
            CountingSource source = new CountingSource();
            PacedSender.Registration registration = sender.add(source);
            Await.until("the first visit", Duration.ofSeconds(1), () -> source.visits.get() > 0);

            sender.remove(registration);
            Thread.sleep(120); // past two sweeps
            int visitsAfterRemoval = source.visits.get();
            Thread.sleep(120);

            assertThat(source.visits.get()).isEqualTo(visitsAfterRemoval);
        }
    }
}
