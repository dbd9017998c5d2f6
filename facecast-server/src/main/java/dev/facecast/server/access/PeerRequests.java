package dev.facecast.server.access;

import io.javalin.http.Context;

/**
 * How the workers of a fleet share the checks on one request: the worker a client reached checks
 * how the request arrived (its Host and Origin); the worker that owns the session checks the
 * credential, since only it holds the session's token.
 */
public interface PeerRequests {

    /** A process on its own: every request is checked whole, here. */
    PeerRequests NONE = new PeerRequests() {
        @Override
        public boolean forwardedByPeer(Context ctx) {
            return false;
        }

        @Override
        public boolean forAnotherWorker(Context ctx) {
            return false;
        }
    };

    /** Sent by another worker with the fleet's secret: its Host and Origin were checked there. */
    boolean forwardedByPeer(Context ctx);

    /** About a session another worker owns: it goes there, and the owner checks its credential. */
    boolean forAnotherWorker(Context ctx);
}
