package dev.facecast.loadtest;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One reading of the server's {@code GET /v1/runtime}, the resources a soak watches.
 *
 * @param elapsedSeconds          since the soak began
 * @param sessions                sessions the server holds
 * @param rssBytes                the server's resident memory
 * @param osThreads               the server process's threads, as the OS counts them
 * @param facecastThreads         threads Facecast made (media runners, encoders)
 * @param nativeFramesOutstanding native video frames not yet released
 * @param poolFramesOutstanding   pooled frames the sessions have not returned
 */
record RuntimeSample(double elapsedSeconds, int sessions, long rssBytes, long osThreads, long facecastThreads,
                     long nativeFramesOutstanding, long poolFramesOutstanding) {

    static RuntimeSample of(double elapsedSeconds, JsonNode runtime) {
        return new RuntimeSample(elapsedSeconds, runtime.get("sessions").asInt(), runtime.get("rssBytes").asLong(),
                runtime.get("osThreads").asLong(), runtime.get("facecastThreads").asLong(),
                runtime.get("nativeFramesOutstanding").asLong(), runtime.get("poolFramesOutstanding").asLong());
    }

    static final String HEADER = "  elapsed  sessions    rss MB  os threads  facecast threads  native frames  pool frames";

    String toLine() {
        return String.format("  %5.0f s  %8d  %8.1f  %10d  %16d  %13d  %11d", elapsedSeconds, sessions, rssBytes / 1e6,
                osThreads, facecastThreads, nativeFramesOutstanding, poolFramesOutstanding);
    }
}
