package dev.facecast.server;

import dev.facecast.engine.PeerState;
import dev.facecast.session.Session;

import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/** What answers a receiver's offer for a session: the server engine or libwebrtc. */
interface PublisherEngine extends AutoCloseable {

    /** A publisher with its answer; it is not the session's output until the caller attaches it. */
    record Answered(SessionPublisher publisher, String answerSdp) {
    }

    /**
     * @param onState told of the receiver's connection changes, on an engine thread: must not block
     * @throws dev.facecast.media.sdp.SdpException when the offer is malformed or cannot be served
     */
    Answered answer(Session session, String offerSdp, Consumer<PeerState> onState) throws TimeoutException, InterruptedException;

    /** As {@code --media-engine} names it. */
    String name();

    @Override
    void close();
}
