package dev.facecast.session;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One thread consuming events from one bounded queue, in order. Two kinds of producer:
 * droppable events (a microphone's chunks) may fill the queue only up to the room kept for the
 * others, and are dropped beyond; every other event waits a while for room and is dropped
 * (and reported) only when the loop is stuck.
 *
 * <p>Threading: the handler runs on the loop's one thread (or, in tests, on the thread that
 * calls {@link #handleQueued}); producers are any threads.
 */
final class EventLoop<E> implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EventLoop.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(2);

    private final String name;
    private final ArrayBlockingQueue<Object> queue;
    private final int roomKeptForOthers;
    private final Duration offerWait;
    private final Consumer<? super E> handler;
    private final Runnable onDropped;
    private final Object stop = new Object();
    private volatile Thread thread;
    private volatile boolean closed;

    /**
     * @param onDropped told when an event that must not be dropped found no room for {@code offerWait}
     */
    EventLoop(String name, int capacity, int roomKeptForOthers, Duration offerWait, Consumer<? super E> handler,
              Runnable onDropped) {
        this.name = name;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.roomKeptForOthers = roomKeptForOthers;
        this.offerWait = offerWait;
        this.handler = handler;
        this.onDropped = onDropped;
    }

    /** Starts the loop's thread; {@code atEnd} runs on it when it stops. */
    void start(ThreadFactory threads, Runnable atEnd) {
        thread = threads.newThread(() -> run(atEnd));
        thread.start();
    }

    /** Never blocks: false (dropped) when only the room kept for other events is left. */
    boolean offerDroppable(E event) {
        return !closed && queue.remainingCapacity() > roomKeptForOthers && queue.offer(event);
    }

    /** Waits up to the offer wait for room; beyond that the loop is stuck, and the event is dropped and reported. */
    void post(E event) {
        try {
            if (!closed && !queue.offer(event, offerWait.toMillis(), TimeUnit.MILLISECONDS)) {
                onDropped.run();
                log.warn("{}: stuck; dropped {}", name, event.getClass().getSimpleName());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Handles what is queued on the calling thread; for tests that start no thread. Returns the count. */
    int handleQueued() {
        int handled = 0;
        for (Object event; (event = queue.poll()) != null && event != stop; handled++) {
            handle(event);
        }
        return handled;
    }

    /** Stops the thread after the events queued before this call, waiting for it briefly. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        Thread running = thread;
        if (running == null) {
            return;
        }
        try {
            if (!queue.offer(stop) || !running.join(STOP_WAIT)) {
                running.interrupt();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run(Runnable atEnd) {
        try {
            for (Object event = queue.take(); event != stop; event = queue.take()) {
                handle(event);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            atEnd.run();
        }
    }

    @SuppressWarnings("unchecked")
    private void handle(Object event) {
        try {
            handler.accept((E) event);
        } catch (RuntimeException e) {
            log.error("{}: failed on {}", name, event.getClass().getSimpleName(), e);
        }
    }
}
