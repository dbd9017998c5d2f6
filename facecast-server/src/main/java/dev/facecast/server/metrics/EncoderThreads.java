package dev.facecast.server.metrics;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds which of libwebrtc's encoder threads belong to which session. libwebrtc names them
 * by role only, so a session claims the encoder threads that appear while it connects.
 * Two sessions connecting at the same moment can swap threads; the totals stay right.
 * Thread-safe.
 */
public final class EncoderThreads {

    private final Map<Integer, String> sessionByTid = new HashMap<>();

    static boolean isEncoder(String threadName) {
        return threadName.startsWith("EncoderQueue") || threadName.startsWith("AudioEncoder");
    }

    /** The encoder threads that exist now: call before connecting a session. */
    public Set<Integer> snapshot() {
        Set<Integer> tids = new HashSet<>();
        for (ProcTasks.Task task : ProcTasks.read()) {
            if (isEncoder(task.name())) {
                tids.add(task.tid());
            }
        }
        return tids;
    }

    /** Gives the session every encoder thread not in {@code before} and not claimed yet. */
    public synchronized void claimNew(String sessionId, Set<Integer> before) {
        for (ProcTasks.Task task : ProcTasks.read()) {
            if (isEncoder(task.name()) && !before.contains(task.tid())) {
                sessionByTid.putIfAbsent(task.tid(), sessionId);
            }
        }
    }

    public synchronized void release(String sessionId) {
        sessionByTid.values().removeIf(sessionId::equals);
    }

    synchronized String sessionOf(int tid) {
        return sessionByTid.get(tid);
    }

    /** Forgets threads that no longer exist. */
    synchronized void retainOnly(List<ProcTasks.Task> alive) {
        Set<Integer> tids = new HashSet<>();
        alive.forEach(task -> tids.add(task.tid()));
        sessionByTid.keySet().retainAll(tids);
    }
}
