package dev.facecast.loadtest;

/**
 * What one load-test run measured.
 *
 * @param sessions                  sessions streamed at once
 * @param fpsRequested              frame rate asked of each session
 * @param durationSeconds           length of the measured window
 * @param serverCpuCores            the server process's CPU over the window, in cores
 * @param serverCpuCoresPerSession  the same, divided by sessions
 * @param receivedFpsMin            the slowest receiver's frame rate
 * @param receivedFpsP50            the median receiver's frame rate
 * @param maxFrameGapMs             the longest gap between two frames at any receiver
 * @param latenessMaxMs             that gap beyond one frame interval: how late the latest frame was
 * @param underruns                 audio underruns the server counted over all sessions
 * @param rssMbPerSession           growth of the server's resident memory, per session
 */
record LoadReport(int sessions, int fpsRequested, double durationSeconds, double serverCpuCores,
                  double serverCpuCoresPerSession, double receivedFpsMin, double receivedFpsP50, double maxFrameGapMs,
                  double latenessMaxMs, long underruns, double rssMbPerSession) {

    String toTable() {
        return String.format("""
                sessions                 %d at %d fps, measured over %.1f s
                server CPU               %.3f cores (%.3f cores per session)
                received fps             min %.2f, median %.2f
                frame gaps               max %.1f ms (lateness %.1f ms)
                audio underruns          %d
                server RSS per session   %.1f MB""",
                sessions, fpsRequested, durationSeconds, serverCpuCores, serverCpuCoresPerSession,
                receivedFpsMin, receivedFpsP50, maxFrameGapMs, latenessMaxMs, underruns, rssMbPerSession);
    }
}
