package dev.facecast.server.metrics;

import java.util.Map;

/**
 * The process's resource use over the last sampling interval.
 *
 * @param processCores        CPU of the whole process, in cores
 * @param stageCores          of which per stage
 * @param sessions            per session, by id
 * @param rssBytes            resident memory
 * @param encodeMsPerFrame    VP8 encode time per frame over all sessions
 */
public record ResourceSnapshot(double processCores, Map<CpuStage, Double> stageCores, Map<String, SessionUsage> sessions,
                               long rssBytes, double encodeMsPerFrame) {

    public static final ResourceSnapshot EMPTY = new ResourceSnapshot(0, Map.of(), Map.of(), 0, 0);

    public SessionUsage session(String id) {
        return sessions.getOrDefault(id, SessionUsage.NONE);
    }
}
