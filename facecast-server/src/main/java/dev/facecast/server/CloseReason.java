package dev.facecast.server;

import java.util.Locale;

/** Why a session closed: a label of facecast_sessions_closed_total. */
public enum CloseReason {
    /** DELETE on the session or its WHEP resource. */
    DELETED,
    /** The page said goodbye (POST .../close, from sendBeacon as it unloads). */
    CLOSED_BY_CLIENT,
    /** No receiver connected within the connect timeout. */
    NEVER_CONNECTED,
    /** The receiver went quiet (killed browser, lost network, closed without goodbye). */
    PEER_GONE,
    /** The receiver's connection failed or was closed. */
    PEER_FAILED,
    /** Nothing happened for the idle timeout. */
    IDLE,
    /** The maximum duration passed. */
    MAX_DURATION,
    /** The hosted avatar's vendor ended its side (endsession), or the connection to it was lost. */
    AVATAR_ENDED,
    /** The process stopped. */
    SHUTDOWN;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
