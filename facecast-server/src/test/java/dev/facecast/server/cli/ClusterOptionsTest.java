package dev.facecast.server.cli;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("unit")
class ClusterOptionsTest {

    @Test
    void shouldJoinNoFleetWithoutRedis() {
        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).parseArgs("--port", "8080");
        assertThat(serve.cluster.toClusterConfig()).as("a process alone, as before").isNull();
    }

    @Test
    void shouldGiveEachWorkerItsOwnNameByDefault() {
        assertThat(new ClusterOptions().workerId).isNotEqualTo(new ClusterOptions().workerId);
    }
}
