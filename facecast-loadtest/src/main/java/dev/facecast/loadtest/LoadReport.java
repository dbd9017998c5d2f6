package dev.facecast.loadtest;

import java.util.List;

/**
 * What one load-test run measured.
 *
 * @param sessions                  sessions streamed at once
 * @param fpsRequested              frame rate asked of each session
 * @param idleFps                   their frame rate while silent (0: always the full rate)
 * @param talkRatio                 share of time each session spoke
 * @param durationSeconds           length of the measured window
 * @param serverCores               cores the server process sees
 * @param serverCpuCores            the server process's CPU over the window, in cores
 * @param serverCpuCoresPerSession  the same, divided by sessions
 * @param receivedFpsMin            the slowest receiver's frame rate
 * @param receivedFpsP50            the median receiver's frame rate
 * @param latenessP50Ms             median frame lateness at the receivers: gap to the previous frame minus one interval
 * @param latenessP99Ms             99th percentile of that lateness
 * @param latenessMaxMs             its maximum
 * @param underruns                 audio underruns the server counted over all sessions
 * @param rssMbPerSession           growth of the server's resident memory, per session
 * @param fpsOverTime               mean received fps across sessions, one value a second
 * @param latenessPercentilesMs     lateness at the 50, 90, 99, 99.9 and 100th percentiles, for the report
 */
record LoadReport(int sessions, int fpsRequested, int idleFps, double talkRatio, double durationSeconds, int serverCores,
                  double serverCpuCores, double serverCpuCoresPerSession, double receivedFpsMin, double receivedFpsP50,
                  double latenessP50Ms, double latenessP99Ms, double latenessMaxMs, long underruns, double rssMbPerSession,
                  List<Double> fpsOverTime, List<Double> latenessPercentilesMs) {

    /** Delivered as asked: p99 lateness within one frame interval and every receiver within 10 % of the rate. */
    boolean keptUp() {
        return latenessP99Ms <= 1000.0 / fpsRequested && receivedFpsMin >= 0.9 * fpsRequested;
    }

    String toTable() {
        return String.format("""
                sessions                 %d at %d fps (idle %d fps, talking %.0f %% of the time), %.1f s measured
                server CPU               %.3f cores (%.3f cores per session, %d cores seen)
                received fps             min %.2f, median %.2f
                frame lateness           p50 %.1f ms, p99 %.1f ms, max %.1f ms
                audio underruns          %d
                server RSS per session   %.1f MB""",
                sessions, fpsRequested, idleFps, talkRatio * 100, durationSeconds, serverCpuCores, serverCpuCoresPerSession,
                serverCores, receivedFpsMin, receivedFpsP50, latenessP50Ms, latenessP99Ms, latenessMaxMs, underruns,
                rssMbPerSession);
    }
}
