package dev.facecast.fakevendors;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code facecast fake-vendors}: the fake cloud vendors, until stopped; prints their base URLs. */
@Command(name = "fake-vendors", mixinStandardHelpOptions = true,
        description = "Run local fakes of the cloud vendors (Inworld TTS, Anam avatar) and print their base URLs.")
public final class FakeVendorsCommand implements Callable<Integer> {

    @Option(names = "--port", description = "Port for all fakes, 0 for any free one (default: ${DEFAULT-VALUE}).")
    int port = 8090;

    @Option(names = "--inworld-first-audio-delay-ms", description = "Extra latency before each flush's first audio.")
    long inworldFirstAudioDelayMs;

    public static void main(String[] args) {
        // Jetty's and Javalin's chatter off unless asked for; set before the first logger exists.
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "fakevendors-logback.xml");
        }
        int exitCode = new CommandLine(new FakeVendorsCommand()).execute(args);
        if (exitCode != 0) {
            System.exit(exitCode);
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        FakeVendorServer server = FakeVendorServer.start(port);
        server.inworld().knobs().firstAudioDelayMs(inworldFirstAudioDelayMs);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "fake-vendors-shutdown"));
        System.out.println("inworld " + server.inworldBaseUrl() + "   (any non-empty INWORLD_API_KEY)");
        System.out.println("anam    " + server.anamBaseUrl() + "   (any non-empty ANAM_API_KEY)");
        System.out.flush();
        stopped.await();
        return 0;
    }
}
