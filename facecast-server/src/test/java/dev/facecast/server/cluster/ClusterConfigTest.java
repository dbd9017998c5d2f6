package dev.facecast.server.cluster;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Tag("unit")
class ClusterConfigTest {

    private static final URI REDIS = URI.create("redis://127.0.0.1:6379");
    private static final String SECRET = "a-secret-of-enough-length";

    @Test
    void shouldAdvertiseWhereItListensUnlessTold() {
        ClusterConfig config = new ClusterConfig(REDIS, "w1", null, null, SECRET, ClusterConfig.DEFAULT_TTL);
        assertThat(config.advertiseUrlFor("127.0.0.1", 8081)).isEqualTo("http://127.0.0.1:8081");
        assertThat(config.mediaAddressFor("http://127.0.0.1:8081")).isEqualTo("127.0.0.1");
        ClusterConfig told = new ClusterConfig(REDIS, "w1", "http://10.0.0.7:8080/", "203.0.113.9", SECRET, ClusterConfig.DEFAULT_TTL);
        assertThat(told.advertiseUrlFor("0.0.0.0", 8080)).isEqualTo("http://10.0.0.7:8080");
        assertThat(told.mediaAddressFor("http://10.0.0.7:8080")).isEqualTo("203.0.113.9");
    }

    @Test
    void shouldRefuseToGuessAnAddressOnEveryInterface() {
        ClusterConfig config = new ClusterConfig(REDIS, "w1", null, null, SECRET, ClusterConfig.DEFAULT_TTL);
        assertThatThrownBy(() -> config.advertiseUrlFor("0.0.0.0", 8080)).hasMessageContaining("--advertise-url");
    }

    @Test
    void shouldRefuseAShortOrMissingSecret() {
        assertThatThrownBy(() -> new ClusterConfig(REDIS, "w1", null, null, null, ClusterConfig.DEFAULT_TTL))
                .hasMessageContaining("FACECAST_CLUSTER_SECRET");
        assertThatThrownBy(() -> new ClusterConfig(REDIS, "w1", null, null, "short", ClusterConfig.DEFAULT_TTL))
                .hasMessageContaining("16");
    }

    @Test
    void shouldRefuseWhatIsNotARedisUrlOrAWorkerName() {
        assertThatThrownBy(() -> new ClusterConfig(URI.create("http://x:1"), "w1", null, null, SECRET, ClusterConfig.DEFAULT_TTL))
                .hasMessageContaining("redis://");
        assertThatThrownBy(() -> new ClusterConfig(REDIS, "w 1/..", null, null, SECRET, ClusterConfig.DEFAULT_TTL))
                .hasMessageContaining("worker id");
        assertThatThrownBy(() -> new ClusterConfig(REDIS, "w1", null, null, SECRET, Duration.ofMillis(100)))
                .hasMessageContaining("TTL");
    }
}
