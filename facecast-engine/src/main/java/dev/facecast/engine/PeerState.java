package dev.facecast.engine;

/** Where a receiver's connection to a {@link ServerPublisher} stands, as the session sees it. */
public enum PeerState {
    /** ICE checks answered and DTLS done: media flows. */
    CONNECTED,
    /** Nothing heard from the receiver (no STUN, no RTCP) for a while; it may come back. */
    DISCONNECTED,
    /** The DTLS handshake failed: keys could not be agreed or the certificate did not match. */
    FAILED,
    /** The receiver said goodbye (DTLS close_notify or RTCP BYE), or we closed. */
    CLOSED
}
