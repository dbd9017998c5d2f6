package dev.facecast.cluster;

import dev.facecast.testsupport.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The registry's scripts against a real redis-server: placement, reservations, expiry, a Redis restart. */
@Tag("cluster")
@Timeout(60)
class FleetRegistryTest {

    private static final Duration TTL = Duration.ofMillis(600);
    private static final Duration RESERVATION_TTL = Duration.ofMillis(400);

    private static RedisServer redis;
    private FleetRegistry registry;

    @BeforeAll
    static void startRedis() throws Exception {
        redis = RedisServer.start();
    }

    @AfterAll
    static void stopRedis() throws Exception {
        redis.close();
    }

    @BeforeEach
    void connect() {
        // A fresh prefix per test: no test sees another's workers.
        registry = new FleetRegistry(redis.url(), "test-" + UUID.randomUUID() + ":", TTL, RESERVATION_TTL);
    }

    @AfterEach
    void disconnect() {
        registry.close();
    }

    @Test
    void shouldSpreadPlacementsInProportionToCapacity() {
        beat("a", 2, false);
        beat("b", 2, false);
        beat("c", 4, false);
        Map<String, Integer> placed = new HashMap<>();
        for (int i = 0; i < 8; i++) {
            Placement placement = registry.place("a", List.of()).orElseThrow();
            registry.registerSession(placement.workerId(), session("s" + i), placement.reservationId());
            placed.merge(placement.workerId(), 1, Integer::sum);
        }
        assertThat(placed).containsExactlyInAnyOrderEntriesOf(Map.of("a", 2, "b", 2, "c", 4));
        assertThat(registry.place("a", List.of())).as("every slot taken").isEmpty();
        assertThat(registry.workers()).allSatisfy(worker -> assertThat(worker.reserved()).isZero());
    }

    @Test
    void shouldPreferThePlacingWorkerOnATie() {
        beat("a", 4, false);
        beat("b", 4, false);
        assertThat(registry.place("b", List.of()).orElseThrow().workerId()).isEqualTo("b");
    }

    @Test
    void shouldSkipDrainingAndExcludedWorkers() {
        beat("a", 4, true);
        beat("b", 4, false);
        beat("c", 4, false);
        assertThat(registry.place("a", List.of("b")).orElseThrow().workerId()).isEqualTo("c");
    }

    @Test
    void shouldNeverReserveMoreThanCapacityWhenManyPlaceAtOnce() throws Exception {
        beat("a", 3, false);
        beat("b", 2, false);
        int placers = 16;
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Optional<Placement>>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < placers; i++) {
                String preferred = i % 2 == 0 ? "a" : "b";
                Callable<Optional<Placement>> place = () -> {
                    go.await();
                    return registry.place(preferred, List.of());
                };
                results.add(pool.submit(place));
            }
            go.countDown();
        }
        Map<String, Integer> placed = new HashMap<>();
        for (Future<Optional<Placement>> result : results) {
            result.get().ifPresent(placement -> placed.merge(placement.workerId(), 1, Integer::sum));
        }
        assertThat(placed).containsExactlyInAnyOrderEntriesOf(Map.of("a", 3, "b", 2));
    }

    @Test
    void shouldFreeAReservationThatNoSessionClaimed() throws Exception {
        beat("a", 1, false);
        assertThat(registry.place("a", List.of())).isPresent();
        assertThat(registry.place("a", List.of())).as("the one slot is reserved").isEmpty();
        Thread.sleep(RESERVATION_TTL.toMillis() + 100);
        beat("a", 1, false);
        assertThat(registry.place("a", List.of())).as("the reservation expired").isPresent();
    }

    @Test
    void shouldForgetAWorkerAndItsSessionsWhenItStopsBeating() throws Exception {
        beat("a", 4, false);
        beat("b", 4, false);
        Placement placement = registry.place("b", List.of()).orElseThrow();
        registry.registerSession("b", session("on-b"), placement.reservationId());
        assertThat(registry.session("on-b")).map(FleetSession::ownerId).contains("b");
        // a beats on, b has died
        long deadlineNs = System.nanoTime() + TTL.multipliedBy(3).toNanos();
        while (registry.workers().size() > 1 && System.nanoTime() < deadlineNs) {
            beat("a", 4, false);
            Thread.sleep(50);
        }
        assertThat(registry.workers()).extracting(FleetWorker::id).containsExactly("a");
        assertThat(registry.session("on-b")).isEmpty();
        assertThat(registry.sessions()).isEmpty();
        for (int i = 0; i < 4; i++) {
            assertThat(registry.place("b", List.of()).orElseThrow().workerId()).isEqualTo("a");
        }
    }

    @Test
    void shouldFreeTheSlotOfARemovedSession() {
        beat("a", 1, false);
        Placement placement = registry.place("a", List.of()).orElseThrow();
        registry.registerSession("a", session("gone"), placement.reservationId());
        assertThat(registry.place("a", List.of())).isEmpty();
        registry.removeSession("a", "gone");
        assertThat(registry.place("a", List.of())).isPresent();
    }

    @Test
    void shouldLeaveAtOnce() {
        beat("a", 2, false);
        registry.registerSession("a", session("x"), "");
        registry.leave("a");
        assertThat(registry.workers()).isEmpty();
        assertThat(registry.sessions()).isEmpty();
    }

    @Test
    void shouldSayUnavailableWhileRedisIsDownAndRejoinAfter() throws Exception {
        beat("a", 2, false);
        registry.registerSession("a", session("kept"), "");
        redis.kill();
        try {
            assertThatThrownBy(() -> beat("a", 2, false)).isInstanceOf(RegistryUnavailableException.class);
            assertThatThrownBy(() -> registry.place("a", List.of())).isInstanceOf(RegistryUnavailableException.class);
        } finally {
            redis.startAgain();
        }
        // The restarted Redis is empty: the next beat brings the worker and its session back.
        boolean joined = beatUntilAnswered("a", 2, List.of(session("kept")));
        assertThat(joined).as("registered anew").isTrue();
        assertThat(registry.session("kept")).map(FleetSession::ownerId).contains("a");
        assertThat(registry.place("a", List.of()).orElseThrow().workerId()).isEqualTo("a");
    }

    private boolean beatUntilAnswered(String id, int capacity, List<LocalSession> sessions) throws InterruptedException {
        // The pool's connections from before the restart fail once each, then are replaced.
        for (int attempt = 0; attempt < 50; attempt++) {
            try {
                return registry.heartbeat(advert(id, capacity, false), sessions);
            } catch (RegistryUnavailableException e) {
                Thread.sleep(20);
            }
        }
        throw new AssertionError("the registry did not come back");
    }

    private void beat(String id, int capacity, boolean draining) {
        registry.heartbeat(advert(id, capacity, draining), Set.of());
    }

    private static WorkerAdvert advert(String id, int capacity, boolean draining) {
        return new WorkerAdvert(id, "http://127.0.0.1/" + id, "127.0.0.1", capacity, 0, draining);
    }

    private static LocalSession session(String id) {
        return new LocalSession(id, System.currentTimeMillis(), "created");
    }
}
