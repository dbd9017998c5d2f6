package dev.facecast.server.metrics;

/**
 * One session's resource use over the last sampling interval.
 *
 * @param renderCores       media-thread CPU drawing frames
 * @param audioCores        media-thread CPU playing audio ticks
 * @param videoHandoffCores media-thread CPU handing frames to the encoder
 * @param encodeCores       its libwebrtc encoder threads (VP8 and Opus)
 * @param encodeMsPerFrame  VP8 encoder time per frame, as libwebrtc reports it
 * @param videoBitrateBps   video sent
 * @param audioBitrateBps   audio sent
 */
public record SessionUsage(double renderCores, double audioCores, double videoHandoffCores, double encodeCores,
                           double encodeMsPerFrame, double videoBitrateBps, double audioBitrateBps) {

    public static final SessionUsage NONE = new SessionUsage(0, 0, 0, 0, 0, 0, 0);

    public double totalCores() {
        return renderCores + audioCores + videoHandoffCores + encodeCores;
    }
}
