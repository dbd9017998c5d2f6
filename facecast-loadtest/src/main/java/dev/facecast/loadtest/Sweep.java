package dev.facecast.loadtest;

import dev.facecast.client.FacecastClient;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Raises the session count (1, 2, 4, 8, ...) until delivery slips: p99 lateness beyond one
 * frame interval or a receiver below 90 % of the frame rate. The last count that kept up,
 * over the cores the server sees, is its density.
 */
final class Sweep {

    /**
     * @param steps             every run, in order
     * @param maxSessionsKeptUp the most sessions that were delivered as asked (0 if not even one)
     * @param sessionsPerCore   that, over the server's cores
     */
    record Result(List<LoadReport> steps, int maxSessionsKeptUp, double sessionsPerCore) {
    }

    private Sweep() {
    }

    static Result run(LoadRun.Settings settings, int maxSessions, PrintStream progress) throws Exception {
        List<LoadReport> steps = new ArrayList<>();
        int best = 0;
        int cores = 1;
        for (int sessions = 1; sessions <= maxSessions; sessions *= 2) {
            progress.printf("%n== sweep: %d sessions%n", sessions);
            LoadReport report;
            try {
                report = new LoadRun(settings.withSessions(sessions), progress).run();
            } catch (FacecastClient.RefusedException refused) {
                // The server's own admission says it is full: that is a result, not a failure.
                progress.printf("== %d sessions refused (%s); stopping%n", sessions, refused.getMessage());
                break;
            }
            steps.add(report);
            cores = report.serverCores();
            progress.println(report.toTable());
            if (!report.keptUp()) {
                progress.printf("== %d sessions did not keep up; stopping%n", sessions);
                break;
            }
            best = sessions;
        }
        return new Result(List.copyOf(steps), best, (double) best / cores);
    }
}
