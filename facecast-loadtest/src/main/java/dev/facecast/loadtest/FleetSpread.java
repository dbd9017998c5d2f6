package dev.facecast.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.facecast.client.FacecastClient;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Where a run's sessions went when the target is one worker of a fleet ({@code GET /v1/fleet}): every
 * session was sent to that one entry, and placement spread them. Empty against a single process.
 */
final class FleetSpread {

    private FleetSpread() {
    }

    /** Sessions of {@code sessionIds} per worker, with every live worker listed (0 for none). */
    static Optional<Map<String, Integer>> of(FacecastClient client, Collection<String> sessionIds)
            throws IOException, InterruptedException {
        HttpResponse<String> answer = client.send("GET", "/v1/fleet", null, null);
        if (answer.statusCode() != 200) {
            return Optional.empty(); // 404: not a fleet; 503: its registry is away
        }
        JsonNode fleet = client.json(answer);
        Map<String, Integer> spread = new TreeMap<>();
        fleet.path("workers").forEach(worker -> spread.put(worker.path("id").asText(), 0));
        Set<String> ours = Set.copyOf(sessionIds);
        fleet.path("sessions").forEach(session -> {
            if (ours.contains(session.path("id").asText())) {
                spread.merge(session.path("ownerId").asText(), 1, Integer::sum);
            }
        });
        return Optional.of(spread);
    }
}
