package dev.facecast.server.cluster;

import dev.facecast.cluster.LocalSession;

import java.util.List;
import java.util.Optional;

/** What this process tells the fleet about itself. Thread-safe: read by the heartbeat and by request threads. */
public interface LocalWorker {

    /** Sessions it can hold now (its admission's estimate). */
    int capacitySessions();

    int activeSessions();

    boolean draining();

    /** Whether its own admission would take a session now (the registry's capacity is a beat old). */
    boolean hasRoom();

    List<LocalSession> sessions();

    Optional<LocalSession> session(String id);
}
