package dev.facecast.server;

import dev.facecast.server.http.ApiException;
import dev.facecast.session.SessionManager;

/**
 * Whether a new session may start here: not while draining (503), not beyond capacity (429
 * with Retry-After, so a load balancer or client tries another process). Thread-safe.
 */
final class Admission {

    private final Capacity capacity;
    private volatile boolean draining;

    Admission(Capacity capacity) {
        this.capacity = capacity;
    }

    void checkCanCreate() {
        if (draining) {
            throw new ApiException(503, "this process is draining and takes no new sessions");
        }
        if (!capacity.hasRoom()) {
            throw new SessionManager.CapacityException("this process is at capacity (" + capacity.estimate()
                    + " sessions at the measured CPU per session); try again later or another process");
        }
    }

    boolean isReady() {
        return !draining && capacity.hasRoom();
    }

    boolean isDraining() {
        return draining;
    }

    void startDraining() {
        draining = true;
    }

    Capacity capacity() {
        return capacity;
    }
}
