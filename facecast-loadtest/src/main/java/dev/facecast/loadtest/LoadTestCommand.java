package dev.facecast.loadtest;

import com.fasterxml.jackson.databind.ObjectMapper;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.net.URI;
import java.util.concurrent.Callable;

/** {@code facecast loadtest}: drives N real WebRTC receivers against a running server. */
@Command(name = "loadtest", mixinStandardHelpOptions = true,
        description = "Create N sessions on a Facecast server, receive them over real WebRTC in this process, "
                + "and report the server's CPU per session, received frame rates and frame gaps.")
public final class LoadTestCommand implements Callable<Integer> {

    @Option(names = "--target", description = "The server's base URL (default: ${DEFAULT-VALUE}).")
    URI target = URI.create("http://127.0.0.1:8080/");

    @Option(names = "--sessions", description = "Sessions at once (default: ${DEFAULT-VALUE}).")
    int sessions = 1;

    @Option(names = "--duration", description = "Measured seconds, after a 3 s warm-up (default: ${DEFAULT-VALUE}).")
    double durationSeconds = 20;

    @Option(names = "--fps", description = "Frame rate per session (default: ${DEFAULT-VALUE}).")
    int fps = 15;

    @Option(names = "--width", description = "Frame width (default: ${DEFAULT-VALUE}).")
    int width = 720;

    @Option(names = "--height", description = "Frame height (default: ${DEFAULT-VALUE}).")
    int height = 480;

    @Option(names = "--talk-ratio", description = "Share of time each session speaks, 0..1 (default: ${DEFAULT-VALUE}).")
    double talkRatio = 0;

    @Option(names = "--json", description = "Print one final JSON line instead of the table.")
    boolean json;

    public static void main(String[] args) {
        System.exit(new CommandLine(new LoadTestCommand()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        LoadRun.Settings settings = new LoadRun.Settings(target, sessions, durationSeconds, fps, width, height, talkRatio);
        LoadReport report = new LoadRun(settings, System.err).run();
        System.out.println(json ? new ObjectMapper().writeValueAsString(report) : report.toTable());
        return 0;
    }
}
