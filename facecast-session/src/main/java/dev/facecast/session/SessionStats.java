package dev.facecast.session;

/**
 * A snapshot of a session's media counters.
 *
 * @param framesPushed         video frames handed to the output
 * @param framesRendered       of which drawn (the rest re-sent an unchanged idle frame)
 * @param audioMsPushed        audio handed to the output, speech and silence, in ms
 * @param speechMsPushed       of which speech, in ms
 * @param audioUnderruns       10 ms ticks in the middle of a reply with too little speech queued
 * @param maxFrameLatenessMs   the latest a frame ran after its deadline
 * @param pacerReanchors       times a pacer fell too far behind and restarted its schedule
 * @param renderNs             media-thread time drawing frames
 * @param audioNs              media-thread time playing audio ticks
 * @param videoHandoffNs       media-thread time handing frames to the encoder
 */
public record SessionStats(long framesPushed, long framesRendered, long audioMsPushed, long speechMsPushed,
                           long audioUnderruns, double maxFrameLatenessMs, long pacerReanchors,
                           long renderNs, long audioNs, long videoHandoffNs) {

    public static final SessionStats NONE = new SessionStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
}
