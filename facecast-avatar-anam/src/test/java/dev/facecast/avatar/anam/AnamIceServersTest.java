package dev.facecast.avatar.anam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.facecast.webrtc.IceServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code clientConfig.iceServers} of Anam's engine session, read as the RTCIceServer dictionaries they are. */
@Tag("unit")
class AnamIceServersTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void shouldReadUrlsGivenAsOneStringOrAsAnArrayWithTheirCredentials() throws Exception {
        List<IceServer> servers = AnamIceServers.parse(json.readTree("""
                [{"urls": "stun:stun.example:3478"},
                 {"urls": ["turn:relay.example:80", "turn:relay.example:80?transport=tcp"],
                  "username": "user", "credential": "secret", "credentialType": "password"}]"""));

        assertThat(servers).containsExactly(
                new IceServer(List.of("stun:stun.example:3478"), "", ""),
                new IceServer(List.of("turn:relay.example:80", "turn:relay.example:80?transport=tcp"), "user", "secret"));
    }

    @Test
    void shouldReadAnEngineSessionAnsweredAsAnamAnswers() throws Exception {
        // The shape of a published answer of Anam's: every entry has credentialType, urls are arrays
        JsonNode answer = json.readTree("""
                {"sessionId": "s", "engineHost": "engine.example", "engineProtocol": "https", "signallingEndpoint": "/ws",
                 "clientConfig": {"maxWsReconnectAttempts": 5, "heartbeatIntervalSeconds": 5, "iceServers": [
                   {"credentialType": "password", "urls": ["stun:stun.relay.example:80"]},
                   {"credential": "c", "credentialType": "password", "username": "u",
                    "urls": ["turn:a.relay.example:80", "turn:a.relay.example:80?transport=tcp"]}]}}""");

        List<IceServer> servers = AnamIceServers.parse(answer.path("clientConfig").path("iceServers"));

        assertThat(servers).containsExactly(new IceServer(List.of("stun:stun.relay.example:80"), "", ""),
                new IceServer(List.of("turn:a.relay.example:80", "turn:a.relay.example:80?transport=tcp"), "u", "c"));
    }

    @Test
    void shouldSkipEntriesWithoutAUrlAndFieldsOfAnotherType() throws Exception {
        List<IceServer> servers = AnamIceServers.parse(json.readTree("""
                [{"username": "nobody"}, {"urls": []}, {"urls": ""}, {"urls": [42, "stun:stun.example"]},
                 {"urls": "turn:relay.example", "username": "user", "credential": {"macKey": "oauth"}}]"""));

        // an OAuth credential is no password: that TURN server has none, and is left out
        assertThat(servers).containsExactly(new IceServer(List.of("stun:stun.example"), "", ""));
    }

    @Test
    void shouldLeaveOutWhatLibwebrtcWouldRefuseAndKeepTheRest() throws Exception {
        List<IceServer> servers = AnamIceServers.parse(json.readTree("""
                [{"urls": ["stun:stun.example:3478?transport=udp", "stun:stun.example:3478"]},
                 {"urls": "turn:relay.example:80"},
                 {"urls": ["turn:user@relay.example"], "username": "user", "credential": "secret"}]"""));

        assertThat(servers).containsExactly(new IceServer(List.of("stun:stun.example:3478"), "", ""));
    }

    @Test
    void shouldGiveNoneWhenTheFieldIsMissingOrNotAnArray() throws Exception {
        assertThat(AnamIceServers.parse(json.readTree("{}").path("iceServers"))).isEmpty();
        assertThat(AnamIceServers.parse(json.readTree("{\"iceServers\": null}").path("iceServers"))).isEmpty();
        assertThat(AnamIceServers.parse(json.readTree("{\"iceServers\": \"stun:x\"}").path("iceServers"))).isEmpty();
        assertThat(AnamIceServers.parse(json.readTree("{\"iceServers\": {\"a\": {\"urls\": \"stun:x\"}}}").path("iceServers"))).isEmpty();
    }
}
