package dev.facecast.session;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What a session must release, in reverse order of creation: a stage is closed before the
 * stages it was built on. A failure to close one is logged and the rest still close.
 * Thread-safe.
 */
final class Teardown {

    private static final Logger log = LoggerFactory.getLogger(Teardown.class);

    /** How to release one stage. */
    @FunctionalInterface
    interface Release<T> {
        void release(T stage) throws Exception;
    }

    private record Step(String name, AutoCloseable release) {
    }

    private final String sessionId;
    private final Deque<Step> steps = new ArrayDeque<>();

    Teardown(String sessionId) {
        this.sessionId = sessionId;
    }

    /** Registers {@code stage}'s release to run at close, before everything registered earlier; returns the stage. */
    synchronized <T> T add(String name, T stage, Release<? super T> release) {
        steps.push(new Step(name, () -> release.release(stage)));
        return stage;
    }

    /** Runs every release, newest first; each at most once. */
    void closeAll() {
        for (Step step; (step = next()) != null; ) {
            try {
                step.release().close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                log.warn("session {}: closing the {} failed", sessionId, step.name(), e);
            }
        }
    }

    private synchronized Step next() {
        return steps.poll();
    }
}
