package dev.facecast.engine.net;

import dev.facecast.media.agent.MediaThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.PriorityQueue;
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
 * session on every wake would cost sessions squared. A session with packets still queued names
 * when to come back (its budget's next {@link #PACING_TICK_NS}, or when a held frame is due),
 * and every session is visited once per {@link #SWEEP_NS} for its timed work. The thread sleeps
 * until the earliest of those.
 */
public final class PacedSender implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PacedSender.class);
    /** How often a session whose budget ran out is visited again: libwebrtc's pacer runs every 5 ms. */
    public static final long PACING_TICK_NS = TimeUnit.MILLISECONDS.toNanos(5);
    /** How often every session is visited, so timed work (reports every second, quiet checks) runs on time. */
    private static final long SWEEP_NS = TimeUnit.MILLISECONDS.toNanos(50);

    /** One session's side of the send thread. */
    public interface Source {
        /** What {@link #sendDue} returns when nothing waits: the next visit is at a wake or a sweep. */
        long IDLE = Long.MAX_VALUE;

        /**
         * Sends what is due at {@code nowNs}.
         *
         * @return when (System.nanoTime) to visit again for what is still queued: the next pacing
         *         tick when the budget ran out, or when a packet held for its time is due; {@link #IDLE}
         *         when nothing waits
         */
        long sendDue(long nowNs);
    }

    /** A source's place on the send thread: {@link #wake()} when something is queued. */
    public final class Registration {
        private final Source source;
        /** On the ready queue now: a burst of wakes queues it once. */
        private final AtomicBoolean ready = new AtomicBoolean();
        /** When the source asked to be visited again, or {@link Source#IDLE}; the send thread's. */
        private long nextVisitNs = Source.IDLE;

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
    /**
     * Visits asked for, earliest first. The send thread's own. An entry whose time is no longer its
     * source's {@link Registration#nextVisitNs} is stale (a later visit asked for another) and is
     * dropped when it comes up: every held frame makes one, so a talking session is here most of the
     * time, and finding and moving its old entry would cost the thread sessions squared.
     */
    private final PriorityQueue<Due> held = new PriorityQueue<>((a, b) -> Long.compare(a.atNs - b.atNs, 0));
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

    private record Due(long atNs, Registration registration) {
    }

    private void run() {
        long nextSweepNs = System.nanoTime();
        while (!closed) {
            long nowNs = System.nanoTime();
            if (nowNs - nextSweepNs >= 0) {
                nextSweepNs = nowNs + SWEEP_NS;
                readyQueue.clear();
                for (Registration registration : registrations) {
                    registration.ready.set(false);
                    visit(registration, nowNs);
                }
            } else {
                while (!held.isEmpty() && held.peek().atNs() - nowNs <= 0) {
                    Due due = held.poll();
                    if (due.registration().nextVisitNs == due.atNs()) {
                        due.registration().nextVisitNs = Source.IDLE; // its entry is spent: whatever it asks next is queued
                        visit(due.registration(), nowNs);
                    }
                }
                Registration registration;
                while ((registration = readyQueue.poll()) != null) {
                    registration.ready.set(false);
                    visit(registration, nowNs);
                }
            }
            long wakeNs = held.isEmpty() || nextSweepNs - held.peek().atNs() <= 0 ? nextSweepNs : held.peek().atNs();
            LockSupport.parkNanos(wakeNs - System.nanoTime());
        }
    }

    private void visit(Registration registration, long nowNs) {
        long nextVisitNs = Source.IDLE;
        try {
            nextVisitNs = registration.source.sendDue(nowNs);
        } catch (RuntimeException e) {
            log.error("a session's send failed; its media may stall", e);
        }
        if (nextVisitNs != Source.IDLE && nextVisitNs != registration.nextVisitNs) {
            held.add(new Due(nextVisitNs, registration));
        }
        registration.nextVisitNs = nextVisitNs;
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
