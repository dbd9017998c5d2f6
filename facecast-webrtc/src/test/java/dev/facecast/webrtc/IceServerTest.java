package dev.facecast.webrtc;

import dev.onvoid.webrtc.RTCIceServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * ICE servers as webrtc-java takes them: the W3C fields mapped, and nothing libwebrtc would refuse
 * (which would crash the process in webrtc-java 0.14.0, seen with {@code stun:...?transport=udp}).
 */
@Tag("unit")
class IceServerTest {

    @Test
    void shouldMapTheW3cFieldsToWebrtcJavas() {
        IceServer turn = new IceServer(List.of("turn:relay.example:3478", "turns:relay.example:443?transport=tcp"), "user", "secret");

        RTCIceServer rtc = turn.toRtc();

        assertThat(rtc.urls).containsExactly("turn:relay.example:3478", "turns:relay.example:443?transport=tcp");
        assertThat(rtc.username).isEqualTo("user");
        assertThat(rtc.password).isEqualTo("secret");
        assertThat(IceServer.of(rtc)).isEqualTo(turn);
    }

    @Test
    void shouldReadLibwebrtcsNullsAsEmpty() {
        RTCIceServer reported = new RTCIceServer();
        reported.urls.add("stun:stun.example");

        assertThat(IceServer.of(reported)).isEqualTo(new IceServer(List.of("stun:stun.example"), "", ""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"stun:stun.example", "stun:127.0.0.1:3478", "stuns:stun.example:5349", "stun:[::1]:3478",
            "turn:relay.example?transport=udp", "turn:10.0.0.1:80?transport=tcp"})
    void shouldTakeWhatLibwebrtcTakes(String url) {
        assertThat(IceServer.refusal(url, "user", "secret")).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "stun:", "stun:127.0.0.1:3478?transport=udp", "turn:relay.example?transport=tls",
            "stun:127.0.0.1:0", "stun:127.0.0.1:70000", "turn:user@relay.example", "http://stun.example", "stun:host name",
            "stun:127.0.0.1:34x"})
    void shouldRefuseWhatLibwebrtcRefuses(String url) {
        assertThat(IceServer.refusal(url, "user", "secret")).isNotNull();
        assertThatThrownBy(() -> new IceServer(List.of(url), "user", "secret")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRefuseTurnWithoutCredentialsButNotStun() {
        assertThat(IceServer.refusal("turn:relay.example", "", "")).contains("username and a credential");
        assertThat(IceServer.refusal("turn:relay.example", "user", null)).contains("username and a credential");
        assertThat(IceServer.refusal("stun:stun.example", "", "")).isNull();
    }

    @Test
    void shouldRefuseAServerWithoutAUrl() {
        assertThatThrownBy(() -> new IceServer(List.of(), "user", "secret")).isInstanceOf(IllegalArgumentException.class);
    }
}
