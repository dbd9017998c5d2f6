package dev.facecast.server.metrics;

import java.util.Map;

/**
 * The process's resource use over the last sampling interval.
 *
 * @param sessionCount        sessions through the whole interval (the same sessions, by id, at
 *                            its start and its end), or {@link #UNSTEADY} when any joined or left
 *                            during it, or for the first sample, which has no interval: then no
 *                            count describes the CPU below
 * @param processCores        CPU of the whole process, in cores
 * @param stageCores          of which per stage
 * @param sessions            per session, by id
 * @param rssBytes            resident memory
 * @param encodeMsPerFrame    VP8 encode time per frame over all sessions
 */
public record ResourceSnapshot(int sessionCount, double processCores, Map<CpuStage, Double> stageCores, Map<String, SessionUsage> sessions,
                               long rssBytes, double encodeMsPerFrame) {

    public static final int UNSTEADY = -1;

    public static final ResourceSnapshot EMPTY = new ResourceSnapshot(0, 0, Map.of(), Map.of(), 0, 0);

    public SessionUsage session(String id) {
        return sessions.getOrDefault(id, SessionUsage.NONE);
    }
}
