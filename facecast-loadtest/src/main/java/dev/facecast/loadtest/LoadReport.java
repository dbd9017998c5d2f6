package dev.facecast.loadtest;

import java.util.List;

/**
 * What one load-test run measured.
 *
 * @param target                    the server's base URL
 * @param mediaEngine               the publisher engine it runs, as its {@code /v1/runtime} names it; null if it does not
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
 * @param serverOsThreads           the server process's threads as the OS counts them, at the end of the window
 * @param meanQp                    mean VP8 quantizer of the frames the receivers decoded in the window (0: none decoded)
 * @param freezes                   freezes the receivers' libwebrtc counted in the window, all sessions
 * @param packetsLost               video packets lost in the window, all sessions
 * @param nacks                     NACKs the receivers sent in the window
 * @param plis                      picture-loss indications (key-frame requests) the receivers sent in the window
 * @param whepAnswerMsP50           from a session's WHEP POST to its SDP answer, median over sessions
 * @param whepAnswerMsMax           the same, slowest session
 * @param firstFrameMsP50           from a session's WHEP POST to its first received video frame, median over the
 *                                  sessions that received one (-1: none did)
 * @param firstFrameMsMax           the same, slowest session
 * @param sync                      A/V skew at the receivers, over every session's probes; null unless measured
 * @param fpsOverTime               mean received fps across sessions, one value a second
 * @param latenessPercentilesMs     lateness at the 50, 90, 99, 99.9 and 100th percentiles, for the report
 */
record LoadReport(String target, String mediaEngine, int sessions, int fpsRequested, int idleFps, double talkRatio,
                  double durationSeconds, int serverCores, double serverCpuCores, double serverCpuCoresPerSession,
                  double receivedFpsMin, double receivedFpsP50, double latenessP50Ms, double latenessP99Ms,
                  double latenessMaxMs, long underruns, double rssMbPerSession, long serverOsThreads, double meanQp,
                  long freezes, long packetsLost, long nacks, long plis, double whepAnswerMsP50, double whepAnswerMsMax,
                  double firstFrameMsP50, double firstFrameMsMax, SyncSkew sync, List<Double> fpsOverTime,
                  List<Double> latenessPercentilesMs) {

    /** Delivered as asked: p99 lateness within one frame interval and every receiver within 10 % of the rate. */
    boolean keptUp() {
        return latenessP99Ms <= 1000.0 / fpsRequested && receivedFpsMin >= 0.9 * fpsRequested;
    }

    /** The engine's name where the server gives it, else the URL. */
    String label() {
        return mediaEngine != null ? mediaEngine : target;
    }

    String toTable() {
        return String.format("""
                target                   %s (%s)
                sessions                 %d at %d fps (idle %d fps, talking %.0f %% of the time), %.1f s measured
                server CPU               %.3f cores (%.3f cores per session, %d cores seen)
                server OS threads        %d at the end
                received fps             min %.2f, median %.2f
                frame lateness           p50 %.1f ms, p99 %.1f ms, max %.1f ms
                received video           mean QP %.1f, %d freezes, %d packets lost, %d NACKs, %d PLIs
                WHEP POST to answer      p50 %.1f ms, max %.1f ms
                WHEP POST to 1st frame   p50 %.1f ms, max %.1f ms
                audio underruns          %d
                server RSS per session   %.1f MB%s""",
                target, mediaEngine == null ? "engine not named" : mediaEngine + " engine", sessions, fpsRequested,
                idleFps, talkRatio * 100, durationSeconds, serverCpuCores, serverCpuCoresPerSession, serverCores,
                serverOsThreads, receivedFpsMin, receivedFpsP50, latenessP50Ms, latenessP99Ms, latenessMaxMs, meanQp,
                freezes, packetsLost, nacks, plis, whepAnswerMsP50, whepAnswerMsMax, firstFrameMsP50, firstFrameMsMax,
                underruns, rssMbPerSession, sync == null ? "" : "\nA/V skew                 " + sync.toText());
    }
}
