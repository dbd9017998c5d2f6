package dev.facecast.server.access;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Tag("unit")
class AccessPolicyTest {

    private static final String KEY = "k-0123456789abcdef-one";

    @Test
    void shouldLoadKeysFromAFileAndTheEnvironmentAndCompareDigests(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("keys"), "# control keys\n\n" + KEY + "\n");

        ApiKeys keys = ApiKeys.load(file, " k-0123456789abcdef-two ,");

        assertThat(keys.count()).isEqualTo(2);
        assertThat(keys.accepts(KEY)).isTrue();
        assertThat(keys.accepts("k-0123456789abcdef-two")).isTrue();
        assertThat(keys.accepts(KEY + "x")).isFalse();
        assertThat(keys.accepts(null)).isFalse();
        assertThat(keys.toString()).doesNotContain(KEY);
    }

    @Test
    void shouldRefuseAShortKeyWithoutShowingIt(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("keys"), KEY + "\nshort-secret\n");

        assertThatThrownBy(() -> ApiKeys.load(file, null)).hasMessageContaining("line 2").hasMessageNotContaining("short-secret");
    }

    @Test
    void shouldGrantASessionTokenForItsOwnSessionOnlyAndUntilRevoked() {
        SessionTokens tokens = new SessionTokens();
        String token = tokens.issue("a");
        tokens.issue("b");

        assertThat(tokens.grants("a", token)).isTrue();
        assertThat(tokens.grants("b", token)).isFalse();
        assertThat(tokens.grants("a", token + "x")).isFalse();
        tokens.revoke("a");
        assertThat(tokens.grants("a", token)).isFalse();
    }

    @Test
    void shouldRefuseToOpenAPublicAddressWithoutKeys() {
        assertThatThrownBy(() -> AccessPolicy.LOCAL.checkFor("0.0.0.0")).hasMessageContaining("--api-key-file")
                .hasMessageContaining("--insecure-no-auth");
        AccessPolicy.LOCAL.checkFor("127.0.0.1");
        new AccessPolicy(ApiKeys.NONE, Set.of(), Set.of(), true).checkFor("0.0.0.0");
        new AccessPolicy(ApiKeys.load(null, KEY), Set.of(), Set.of(), false).checkFor("0.0.0.0");
    }

    @ParameterizedTest(name = "Host {0} on {1}: {2}")
    @CsvSource({
            "127.0.0.1:8080, 127.0.0.1, true", "localhost:8080, 127.0.0.1, true", "[::1]:8080, 127.0.0.1, true",
            "LOCALHOST, 127.0.0.1, true", "evil.example:8080, 127.0.0.1, false", "127.0.0.1.evil.example, 127.0.0.1, false",
            "avatars.example.com, 127.0.0.1, true", "anything.example, 0.0.0.0, false", "'', 127.0.0.1, false"})
    void shouldAcceptOnlyHostNamesThatNameThisServer(String host, String bindHost, boolean allowed) {
        AccessPolicy policy = new AccessPolicy(ApiKeys.NONE, Set.of(), Set.of("avatars.example.com"), false);

        assertThat(policy.hostAllowed(host, bindHost)).isEqualTo(allowed);
    }

    @Test
    void shouldAcceptAnyHostOnAPublicAddressUntilHostsAreConfigured() {
        assertThat(AccessPolicy.LOCAL.hostAllowed("anything.example", "0.0.0.0")).isTrue();
        assertThat(AccessPolicy.LOCAL.hostAllowed("anything.example", "127.0.0.1")).isFalse();
    }

    @ParameterizedTest(name = "Origin {0}: {1}")
    @CsvSource({
            "http://127.0.0.1:8080, true", "http://127.0.0.1:8081, false", "https://app.example.com, true",
            "https://app.example.com:443, true", "http://app.example.com, false", "https://evil.example, false", "null, false"})
    void shouldAcceptTheServersOwnOriginAndTheAllowListOnly(String origin, boolean allowed) {
        AccessPolicy policy = new AccessPolicy(ApiKeys.NONE, Set.of("https://app.example.com"), Set.of(), false);

        assertThat(policy.originAllowed(origin, "http://127.0.0.1:8080")).isEqualTo(allowed);
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
            "/, PUBLIC", "/healthz, PUBLIC", "/readyz, PUBLIC", "/metrics, PUBLIC",
            "/v1/sessions/{id}/whep, SESSION", "/v1/sessions/{id}/whip, SESSION", "/v1/sessions/{id}/messages, SESSION",
            "/v1/sessions/{id}/close, SESSION", "/v1/sessions/{id}, SESSION", "/v1/sessions/{id}/transcript, SESSION",
            "/v1/sessions, CONTROL", "/v1/sessions/{id}/say, CONTROL", "/v1/sessions/{id}/sync-probe, CONTROL",
            "/v1/admin/drain, CONTROL", "/v1/runtime, CONTROL", "/v1/anything-new, CONTROL"})
    void shouldScopeEveryRouteAndCloseNewOnesByDefault(String route, Scope scope) {
        assertThat(Scope.of(route)).isEqualTo(scope);
    }
}
