package dev.facecast.server.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code facecast}: the command line. Subcommands do the work. */
@Command(name = "facecast", mixinStandardHelpOptions = true, version = "facecast 0.1.0",
        description = "Real-time AI avatar agents over WebRTC.",
        subcommands = {ServeCommand.class, DemoCommand.class})
public final class FacecastCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        int exitCode = new CommandLine(new FacecastCommand()).execute(args);
        if (exitCode != 0) {
            System.exit(exitCode);
        }
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
