package dev.facecast.server;

import dev.facecast.cluster.LocalSession;
import dev.facecast.server.cluster.LocalWorker;
import dev.facecast.session.Session;

import java.util.List;
import java.util.Optional;

/** This process's sessions and room, as the fleet sees them. */
final class LocalWorkerView implements LocalWorker {

    private final SessionService service;
    private final Admission admission;

    LocalWorkerView(SessionService service, Admission admission) {
        this.service = service;
        this.admission = admission;
    }

    @Override
    public int capacitySessions() {
        return admission.isDraining() ? 0 : admission.capacity().estimate();
    }

    @Override
    public int activeSessions() {
        return service.count();
    }

    @Override
    public boolean draining() {
        return admission.isDraining();
    }

    @Override
    public boolean hasRoom() {
        return admission.isReady();
    }

    @Override
    public List<LocalSession> sessions() {
        return service.manager().sessions().stream().map(LocalWorkerView::of).toList();
    }

    @Override
    public Optional<LocalSession> session(String id) {
        return service.find(id).map(LocalWorkerView::of);
    }

    private static LocalSession of(Session session) {
        return new LocalSession(session.id(), session.createdAtMs(), session.state().wireName());
    }
}
