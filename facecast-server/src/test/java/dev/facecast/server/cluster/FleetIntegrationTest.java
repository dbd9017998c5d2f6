package dev.facecast.server.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.facecast.testsupport.FreePort;
import dev.facecast.testsupport.RedisServer;
import dev.facecast.webrtc.Receiver;
import dev.facecast.webrtc.ReceiverRuntime;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fleet of three real worker processes and a real redis-server on loopback, every new session
 * sent to one worker (the worst a load balancer can do). Prints what it measures: the spread, the
 * time placement adds to {@code POST /v1/sessions}, the time to forget a killed worker.
 */
@Tag("cluster")
@Timeout(300)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FleetIntegrationTest {

    private static final Duration TTL = Duration.ofMillis(1500);
    private static final int[] MAX_SESSIONS = {2, 2, 4};
    /** Fills of the fleet in the spread test: 5 x 8 sessions, enough for a p99 of latencies. */
    private static final int FILLS = 5;
    /** How long the test watches a receiver whose worker was killed: libwebrtc gives up on its own clock. */
    private static final Duration DYING_WATCH = Duration.ofSeconds(20);
    private static final String API_KEY = "fleet-test-key-0123456789abcdef";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static RedisServer redis;
    private static final List<WorkerProcess> workers = new ArrayList<>();

    @BeforeAll
    static void startFleet() throws Exception {
        redis = RedisServer.start();
        Map<String, String> environment = Map.of("FACECAST_CLUSTER_SECRET", "fleet-test-secret-0123456789",
                "FACECAST_API_KEYS", API_KEY);
        for (int i = 0; i < MAX_SESSIONS.length; i++) {
            workers.add(WorkerProcess.start("w" + i, FreePort.pick(), redis.url(), MAX_SESSIONS[i], TTL, environment));
        }
        for (WorkerProcess worker : workers) {
            worker.awaitHealthy();
        }
        awaitFleet(fleet -> fleet.path("workers").size() == MAX_SESSIONS.length, Duration.ofSeconds(10));
    }

    @AfterAll
    static void stopFleet() throws Exception {
        for (WorkerProcess worker : workers) {
            worker.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    @Order(1)
    void shouldSpreadSessionsSentToOneWorkerInProportionToCapacity() throws Exception {
        Map<String, Integer> capacity = new HashMap<>();
        fleet(entry()).path("workers").forEach(w -> capacity.put(w.path("id").asText(), w.path("capacitySessions").asInt()));
        int totalCapacity = capacity.values().stream().mapToInt(Integer::intValue).sum();
        List<Double> hereMs = new ArrayList<>();
        List<Double> peerMs = new ArrayList<>();
        JsonNode onAnother = null;
        // Filled and emptied a few times, for enough latency samples; the last fill stays for the next tests.
        for (int fill = 0; fill < FILLS; fill++) {
            if (fill > 0) {
                for (JsonNode session : fleet(entry()).path("sessions")) {
                    assertThat(call("DELETE", entry().url() + "/v1/sessions/" + session.path("id").asText(), API_KEY, null)
                            .statusCode()).isEqualTo(204);
                }
            }
            Map<String, Integer> placed = new HashMap<>();
            for (int i = 0; i < totalCapacity; i++) {
                long startNs = System.nanoTime();
                HttpResponse<String> created = call("POST", entry().url() + "/v1/sessions", API_KEY, "{}");
                double elapsedMs = (System.nanoTime() - startNs) / 1e6;
                assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
                JsonNode session = JSON.readTree(created.body());
                String owner = session.path("owner").path("worker").asText();
                placed.merge(owner, 1, Integer::sum);
                (owner.equals(entry().id()) ? hereMs : peerMs).add(elapsedMs);
                if (!owner.equals(entry().id())) {
                    onAnother = session;
                }
            }
            System.out.printf("fill %d: %d sessions all sent to %s spread as %s (capacities %s)%n", fill + 1, totalCapacity,
                    entry().id(), placed, capacity);
            capacity.forEach((id, slots) -> assertThat(placed.getOrDefault(id, 0)).as("sessions on " + id)
                    .isBetween(slots - 1, slots + 1));
        }
        System.out.printf("POST /v1/sessions: created on the entry p50 %.1f ms p99 %.1f ms (%d); on a peer p50 %.1f ms p99 %.1f ms (%d)%n",
                percentile(hereMs, 50), percentile(hereMs, 99), hereMs.size(), percentile(peerMs, 50), percentile(peerMs, 99), peerMs.size());
        System.out.println("placement (pick and reserve in the registry) on the entry: " + placementQuantiles(entry()));

        HttpResponse<String> full = call("POST", entry().url() + "/v1/sessions", API_KEY, "{}");
        assertThat(full.statusCode()).as("the fleet is full").isEqualTo(429);
        assertThat(full.headers().firstValue("Retry-After")).isPresent();

        // A browser holds only its session's token, and may reach any worker.
        assertThat(onAnother).isNotNull();
        String id = onAnother.path("id").asText();
        HttpResponse<String> viaEntry = call("GET", entry().url() + "/v1/sessions/" + id, onAnother.path("token").asText(), null);
        assertThat(viaEntry.statusCode()).as(viaEntry.body()).isEqualTo(200);
        assertThat(JSON.readTree(viaEntry.body()).path("id").asText()).isEqualTo(id);
        HttpResponse<String> wrongToken = call("GET", entry().url() + "/v1/sessions/" + id, "not-the-token", null);
        assertThat(wrongToken.statusCode()).as("the owner checks the token").isEqualTo(403);
    }

    @Test
    @Order(2)
    void shouldNotOverAdmitWhenTwoWorkersPlaceForTheLastSlotAtOnce() throws Exception {
        int rounds = 5;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int round = 0; round < rounds; round++) {
                deleteOneSessionOf(workers.get(round % MAX_SESSIONS.length).id());
                CyclicBarrier together = new CyclicBarrier(2);
                List<Future<HttpResponse<String>>> racing = new ArrayList<>();
                for (WorkerProcess placer : List.of(workers.get(0), workers.get(1))) {
                    racing.add(pool.submit(() -> {
                        together.await();
                        return call("POST", placer.url() + "/v1/sessions", API_KEY, "{}");
                    }));
                }
                List<Integer> statuses = new ArrayList<>();
                for (Future<HttpResponse<String>> result : racing) {
                    statuses.add(result.get().statusCode());
                }
                assertThat(statuses).as("round " + round).containsExactlyInAnyOrder(201, 429);
            }
        }
        JsonNode fleet = fleet(entry());
        for (JsonNode worker : fleet.path("workers")) {
            assertThat(worker.path("activeSessions").asInt()).as(worker.path("id").asText())
                    .isLessThanOrEqualTo(worker.path("capacitySessions").asInt());
        }
        assertThat(fleet.path("sessions").size()).isEqualTo(8);
    }

    @Test
    @Order(3)
    void shouldForgetAKilledWorkerWithinTheTtlAndPlaceNothingThere() throws Exception {
        WorkerProcess victim = workers.get(2);
        List<String> victimSessions = sessionsOf(victim.id());
        assertThat(victimSessions).isNotEmpty();
        // A receiver in the place of a browser: WHEP through the entry, media straight from the owner.
        try (ReceiverRuntime runtime = new ReceiverRuntime(); Receiver browser = new Receiver(runtime)) {
            HttpResponse<String> answer = call("POST", entry().url() + "/v1/sessions/" + victimSessions.getFirst() + "/whep",
                    API_KEY, "application/sdp", browser.offer());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
            browser.accept(answer.body());
            browser.awaitConnected(15_000);
            awaitFrames(browser);
            // The page's event stream through the entry, from the owner as it flows.
            Iterator<String> events = HTTP.send(HttpRequest.newBuilder(URI.create(entry().url() + "/v1/sessions/"
                            + victimSessions.getFirst() + "/events")).header("Accept", "text/event-stream")
                    .header("Authorization", "Bearer " + API_KEY).build(), HttpResponse.BodyHandlers.ofLines()).body().iterator();
            call("POST", entry().url() + "/v1/sessions/" + victimSessions.getFirst() + "/messages", API_KEY, "{\"text\":\"hello\"}");
            assertThat(within(Duration.ofSeconds(10), () -> nextMatching(events, "\"type\":\"turn\""))).isTrue();

            long killedNs = System.nanoTime();
            victim.kill();
            FutureTask<Double> streamEnded = new FutureTask<>(() -> {
                while (events.hasNext()) {
                    events.next();
                }
                return (System.nanoTime() - killedNs) / 1e6;
            });
            Thread.ofVirtual().name("events-watch").start(streamEnded);
            FutureTask<String> dying = new FutureTask<>(() -> watchDying(browser, killedNs));
            Thread.ofVirtual().name("receiver-watch").start(dying);
            HttpResponse<String> meanwhile = call("GET", entry().url() + "/v1/sessions/" + victimSessions.getFirst(), API_KEY, null);
            awaitFleet(fleet -> fleet.path("workers").size() == 2 && fleet.path("sessions").size() == 4, TTL.multipliedBy(4));
            double forgetMs = (System.nanoTime() - killedNs) / 1e6;
            HttpResponse<String> after = call("GET", entry().url() + "/v1/sessions/" + victimSessions.getFirst(), API_KEY, null);
            System.out.printf("kill -9 of %s (%d sessions): forgotten by the fleet after %.0f ms (TTL %d ms); a call about one of "
                            + "its sessions got %d right after the kill, %d once forgotten%n", victim.id(), victimSessions.size(),
                    forgetMs, TTL.toMillis(), meanwhile.statusCode(), after.statusCode());
            System.out.println("its receiver: " + dying.get());
            System.out.printf("its page's event stream through the entry ended %.0f ms after the kill, without a "
                    + "closed event: a page that made its session starts a new one%n", streamEnded.get(10, TimeUnit.SECONDS));
            assertThat(forgetMs).isLessThan(TTL.toMillis() + TTL.toMillis() / 3.0 + 1000);
            assertThat(after.statusCode()).isEqualTo(404);
        }

        deleteOneSessionOf(workers.get(0).id());
        deleteOneSessionOf(workers.get(1).id());
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> created = call("POST", entry().url() + "/v1/sessions", API_KEY, "{}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            assertThat(JSON.readTree(created.body()).path("owner").path("worker").asText()).isNotEqualTo(victim.id());
        }
        assertThat(call("POST", entry().url() + "/v1/sessions", API_KEY, "{}").statusCode()).isEqualTo(429);
    }

    @Test
    @Order(4)
    void shouldServeAloneWhileRedisIsAwayAndRejoinWhenItReturns() throws Exception {
        deleteOneSessionOf(entry().id());
        redis.kill();
        awaitRegistry(entry(), "unreachable");
        HttpResponse<String> alone = call("POST", entry().url() + "/v1/sessions", API_KEY, "{}");
        assertThat(alone.statusCode()).as(alone.body()).isEqualTo(201);
        assertThat(JSON.readTree(alone.body()).path("owner").path("worker").asText()).isEqualTo(entry().id());
        assertThat(call("GET", workers.get(1).url() + "/v1/sessions", API_KEY, null).statusCode()).isEqualTo(200);
        assertThat(call("GET", entry().url() + "/metrics", null, null).body()).contains("facecast_cluster_registry_up 0.0");

        long restartedNs = System.nanoTime();
        redis.startAgain();
        awaitRegistry(entry(), "connected");
        awaitRegistry(workers.get(1), "connected");
        awaitFleet(fleet -> fleet.path("workers").size() == 2 && fleet.path("sessions").size() == 4, TTL.multipliedBy(4));
        System.out.printf("Redis restarted empty: both workers and their 4 sessions back in the registry after %.0f ms%n",
                (System.nanoTime() - restartedNs) / 1e6);

        deleteOneSessionOf(workers.get(1).id());
        HttpResponse<String> placed = call("POST", entry().url() + "/v1/sessions", API_KEY, "{}");
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        assertThat(JSON.readTree(placed.body()).path("owner").path("worker").asText()).isEqualTo(workers.get(1).id());
    }

    @Test
    @Order(5)
    void shouldLeavePlacementAtOnceWhenDraining() throws Exception {
        deleteOneSessionOf(workers.get(1).id());
        assertThat(call("POST", workers.get(1).url() + "/v1/admin/drain", API_KEY, "{}").statusCode()).isEqualTo(202);
        HttpResponse<String> refused = call("POST", entry().url() + "/v1/sessions", API_KEY, "{}");
        assertThat(refused.statusCode()).as("the only room is on a draining worker").isEqualTo(429);
    }

    /** Until the receiver has had a few frames from its session. */
    private static void awaitFrames(Receiver receiver) throws InterruptedException {
        long deadlineNs = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (receiver.framesReceived() < 3) {
            assertThat(System.nanoTime()).as("frames at the receiver").isLessThan(deadlineNs);
            Thread.sleep(20);
        }
    }

    /**
     * What a receiver whose sender was killed at {@code killedNs} sees, for up to
     * {@link #DYING_WATCH}: when its frames stopped and when its connection's state changed.
     */
    private static String watchDying(Receiver receiver, long killedNs) throws InterruptedException {
        StringBuilder seen = new StringBuilder();
        long frames = receiver.framesReceived();
        long lastFrameNs = System.nanoTime();
        RTCPeerConnectionState state = receiver.state();
        long deadlineNs = killedNs + DYING_WATCH.toNanos();
        while (state != RTCPeerConnectionState.FAILED && System.nanoTime() < deadlineNs) {
            Thread.sleep(20);
            if (receiver.framesReceived() != frames) {
                frames = receiver.framesReceived();
                lastFrameNs = System.nanoTime();
            }
            if (receiver.state() != state) {
                state = receiver.state();
                seen.append(String.format(", %s after %.1f s", state, (System.nanoTime() - killedNs) / 1e9));
            }
        }
        return String.format("last frame %.0f ms after the kill%s%s", Math.max(0, lastFrameNs - killedNs) / 1e6, seen,
                state == RTCPeerConnectionState.FAILED ? "" : String.format(", still %s after %d s", state, DYING_WATCH.toSeconds()));
    }

    @Test
    @Order(6)
    void shouldTrustNoPeerHeadersWithoutTheSecret() throws Exception {
        String onEntry = sessionsOf(entry().id()).getFirst();
        HttpRequest forged = HttpRequest.newBuilder(URI.create(workers.get(1).url() + "/v1/sessions/" + onEntry))
                .header("Authorization", "Bearer " + API_KEY).header("Origin", "https://elsewhere.example")
                .header(PeerProxy.SECRET_HEADER, "not-the-fleet-secret").GET().build();
        assertThat(HTTP.send(forged, HttpResponse.BodyHandlers.ofString()).statusCode())
                .as("a foreign origin is refused where the request arrives").isEqualTo(403);
        HttpRequest reserved = HttpRequest.newBuilder(URI.create(entry().url() + "/v1/sessions"))
                .header("Content-Type", "application/json").header(ClusterGateway.RESERVATION_HEADER, "made-up")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build();
        assertThat(HTTP.send(reserved, HttpResponse.BodyHandlers.ofString()).statusCode())
                .as("no credential: a reservation header is no pass").isEqualTo(401);
    }

    private static WorkerProcess entry() {
        return workers.getFirst();
    }

    private static void deleteOneSessionOf(String workerId) throws Exception {
        String id = sessionsOf(workerId).getFirst();
        // Through the entry: the delete is carried to the owner.
        HttpResponse<String> deleted = call("DELETE", entry().url() + "/v1/sessions/" + id, API_KEY, null);
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(204);
    }

    private static List<String> sessionsOf(String workerId) throws Exception {
        List<String> ids = new ArrayList<>();
        fleet(entry()).path("sessions").forEach(s -> {
            if (s.path("ownerId").asText().equals(workerId)) {
                ids.add(s.path("id").asText());
            }
        });
        return ids;
    }

    private static JsonNode fleet(WorkerProcess worker) throws Exception {
        HttpResponse<String> fleet = call("GET", worker.url() + "/v1/fleet", API_KEY, null);
        assertThat(fleet.statusCode()).as(fleet.body()).isEqualTo(200);
        return JSON.readTree(fleet.body());
    }

    private static void awaitFleet(Predicate<JsonNode> condition, Duration timeout) throws Exception {
        long deadlineNs = System.nanoTime() + timeout.toNanos();
        JsonNode fleet = fleet(entry());
        while (!condition.test(fleet)) {
            assertThat(System.nanoTime()).as("the fleet as " + entry().id() + " sees it: " + fleet).isLessThan(deadlineNs);
            Thread.sleep(25);
            fleet = fleet(entry());
        }
    }

    private static void awaitRegistry(WorkerProcess worker, String state) throws Exception {
        long deadlineNs = System.nanoTime() + TTL.multipliedBy(4).toNanos();
        String seen = "";
        while (!seen.equals(state)) {
            assertThat(System.nanoTime()).as(worker.id() + "'s registry is " + seen + ", not " + state).isLessThan(deadlineNs);
            Thread.sleep(25);
            seen = JSON.readTree(call("GET", worker.url() + "/readyz", null, null).body()).path("registry").asText();
        }
    }

    private static String placementQuantiles(WorkerProcess worker) throws Exception {
        StringBuilder quantiles = new StringBuilder();
        for (String line : call("GET", worker.url() + "/metrics", null, null).body().split("\n")) {
            if (line.startsWith("facecast_cluster_placement_seconds{quantile")) {
                String[] parts = line.split(" ");
                quantiles.append(parts[0].replaceAll(".*quantile=\"([0-9.]+)\".*", "p$1")).append(' ')
                        .append(String.format("%.2f ms ", Double.parseDouble(parts[1]) * 1000));
            }
        }
        return quantiles.toString().trim();
    }

    /** Reads lines until one contains {@code text}; false when the stream ended first. */
    private static boolean nextMatching(Iterator<String> lines, String text) {
        while (lines.hasNext()) {
            if (lines.next().contains(text)) {
                return true;
            }
        }
        return false;
    }

    private static <T> T within(Duration limit, java.util.concurrent.Callable<T> work) throws Exception {
        FutureTask<T> task = new FutureTask<>(work);
        Thread.ofVirtual().start(task);
        return task.get(limit.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static HttpResponse<String> call(String method, String url, String credential, String jsonBody)
            throws IOException, InterruptedException {
        return call(method, url, credential, "application/json", jsonBody);
    }

    private static HttpResponse<String> call(String method, String url, String credential, String contentType, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", contentType);
        }
        if (credential != null) {
            request.header("Authorization", "Bearer " + credential);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static double percentile(List<Double> values, int percentile) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1));
    }
}
