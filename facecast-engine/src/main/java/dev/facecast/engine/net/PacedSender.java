package dev.facecast.engine.net;

import dev.facecast.media.agent.MediaThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * The one network send thread: it sends what each session queued, as that session's pacing
 * budget allows (so a keyframe leaves over tens of milliseconds, not in one burst that
 * overflows a router queue), and runs each session's timed work (sender reports, the
 * quiet-peer check).
 *
 * <p>A session that queues something calls {@link Registration#wake()}, and only that session
 * is visited: a talking session wakes the thread about 75 times a second, and visiting every
 * session on every wake would cost sessions squared. Sessions whose budget ran out are visited
 * again every {@link #PACING_TICK_NS}, and every session once per {@link #SWEEP_NS} for its
 * timed work. The thread sleeps when nothing is due.
 */
public final class PacedSender implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PacedSender.class);
    /** How often a session whose budget ran out is visited again: libwebrtc's pacer runs every 5 ms. */
    private static final long PACING_TICK_NS = TimeUnit.MILLISECONDS.toNanos(5);
    /** How often every session is visited, so timed work (reports every second, quiet checks) runs on time. */
    private static final long SWEEP_NS = TimeUnit.MILLISECONDS.toNanos(50);

    /** One session's side of the send thread. */
    public interface Source {
        /**
         * Sends what is due at {@code nowNs}.
         *
         * @return true when packets are still queued because the pacing budget ran out
         */
        boolean sendDue(long nowNs);
    }

    /** A source's place on the send thread: {@link #wake()} when something is queued. */
    public final class Registration {
        private final Source source;
        /** On the ready queue now: a burst of wakes queues it once. */
        private final AtomicBoolean ready = new AtomicBoolean();

        private Registration(Source source) {
            this.source = source;
        }

        /** Something was queued: send it now rather than at the next sweep. */
        public void wake() {
            if (ready.compareAndSet(false, true)) {
                readyQueue.offer(this);
                LockSupport.unpark(thread);
            }
        }
    }

    private final CopyOnWriteArrayList<Registration> registrations = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Registration> readyQueue = new ConcurrentLinkedQueue<>();
    /** Sources whose budget ran out at the last visit. The send thread's own. */
    private final List<Registration> held = new ArrayList<>();
    private final List<Registration> stillHeld = new ArrayList<>();
    private final Thread thread;
    private volatile boolean closed;

    public PacedSender() {
        this.thread = MediaThreads.platform("facecast-net-send", Thread.MAX_PRIORITY).newThread(this::run);
        thread.start();
    }

    public Registration add(Source source) {
        Registration registration = new Registration(source);
        registrations.add(registration);
        registration.wake();
        return registration;
    }

    public void remove(Registration registration) {
        registrations.remove(registration);
    }

    private void run() {
        long nextSweepNs = System.nanoTime();
        while (!closed) {
            long nowNs = System.nanoTime();
            stillHeld.clear();
            if (nowNs - nextSweepNs >= 0) {
                nextSweepNs = nowNs + SWEEP_NS;
                readyQueue.clear();
                for (Registration registration : registrations) {
                    registration.ready.set(false);
                    visit(registration, nowNs);
                }
            } else {
                for (Registration registration : held) {
                    visit(registration, nowNs);
                }
                Registration registration;
                while ((registration = readyQueue.poll()) != null) {
                    registration.ready.set(false);
                    visit(registration, nowNs);
                }
            }
            held.clear();
            held.addAll(stillHeld);
            long sleepNs = nextSweepNs - System.nanoTime();
            LockSupport.parkNanos(held.isEmpty() ? sleepNs : Math.min(sleepNs, PACING_TICK_NS));
        }
    }

    private void visit(Registration registration, long nowNs) {
        try {
            if (registration.source.sendDue(nowNs) && !stillHeld.contains(registration)) {
                stillHeld.add(registration);
            }
        } catch (RuntimeException e) {
            log.error("a session's send failed; its media may stall", e);
        }
    }

    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(thread);
        try {
            thread.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
