package dev.facecast.server.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

/** {@code facecast demo}: the server with the local providers, and the URL to open. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the server with the local, offline providers and print the page to open.")
final class DemoCommand implements Callable<Integer> {

    @Mixin
    ServerOptions options;

    @Override
    public Integer call() throws InterruptedException {
        ServeCommand.runUntilStopped(options, server -> {
            System.out.println();
            System.out.println("  Facecast demo is running. Open this page in a browser:");
            System.out.println();
            System.out.println("      " + server.baseUrl() + "/");
            System.out.println();
            System.out.println("  Press Start, then talk (Microphone) or type to the agent. Ctrl-C stops.");
            System.out.println();
        });
        return 0;
    }
}
