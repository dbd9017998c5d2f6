package dev.facecast.server.cli;

import dev.facecast.server.FacecastServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code facecast serve}: runs the HTTP API until stopped (Ctrl-C or SIGTERM). */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the Facecast server.")
final class ServeCommand implements Callable<Integer> {

    /** How long SIGTERM waits for sessions to end before closing them (Kubernetes' default grace is 30 s). */
    static final java.time.Duration DRAIN_TIMEOUT = java.time.Duration.ofSeconds(25);

    @Mixin
    ServerOptions options;

    @Mixin
    ClusterOptions cluster;

    @Override
    public Integer call() throws InterruptedException {
        runUntilStopped(options, cluster, server -> { });
        return 0;
    }

    static void runUntilStopped(ServerOptions options,
                                java.util.function.Consumer<FacecastServer> onStarted) throws InterruptedException {
        runUntilStopped(options, new ClusterOptions(), onStarted);
    }

    static void runUntilStopped(ServerOptions options, ClusterOptions cluster,
                                java.util.function.Consumer<FacecastServer> onStarted) throws InterruptedException {
        FacecastServer server = FacecastServer.start(options.toConfig(), options.toConversationConfig(),
                cluster.toClusterConfig());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // SIGTERM (a rolling restart): stop taking sessions, let the current ones finish.
            try {
                server.drain(DRAIN_TIMEOUT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            server.close();
            stopped.countDown();
        }, "facecast-shutdown"));
        onStarted.accept(server);
        stopped.await();
    }
}
