package dev.facecast.server.cluster;

import dev.facecast.server.ServerJvm;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real worker: {@code facecast serve --redis ...} in a JVM of its own, from the test's class path,
 * its output in a log file. Killed with SIGKILL on {@link #kill()} (a crash) or at close.
 */
final class WorkerProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final String id;
    private final int port;
    private final Process process;
    private final Path log;

    private WorkerProcess(String id, int port, Process process, Path log) {
        this.id = id;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /** Starts the worker; {@link #awaitHealthy()} waits until it answers. */
    static WorkerProcess start(String id, int port, URI redis, int maxSessions, Duration registryTtl,
                               Map<String, String> environment) throws IOException {
        Path log = Files.createTempFile("facecast-" + id + "-", ".log");
        List<String> command = ServerJvm.serve(List.of(
                "--port", Integer.toString(port), "--redis", redis.toString(), "--worker-id", id,
                "--max-sessions", Integer.toString(maxSessions), "--registry-ttl-ms", Long.toString(registryTtl.toMillis()),
                // Sessions here are never connected: keep them until the test deletes them.
                "--connect-timeout-s", "600", "--no-listen", "--tts", "freetts", "--media-threads", "1"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        builder.environment().put("MALLOC_ARENA_MAX", "2");
        builder.environment().putAll(environment);
        return new WorkerProcess(id, port, builder.start(), log);
    }

    void awaitHealthy() throws IOException, InterruptedException {
        long deadlineNs = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadlineNs) {
            if (!process.isAlive()) {
                throw new IOException("worker " + id + " exited: " + logTail());
            }
            if (ServerJvm.answers(url())) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IOException("worker " + id + " did not answer within " + START_TIMEOUT.toSeconds() + " s: " + logTail());
    }

    String id() {
        return id;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    /** SIGKILL: no drain, no goodbye to the registry. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    String logTail() throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    @Override
    public void close() throws Exception {
        kill();
        Files.deleteIfExists(log);
    }
}
