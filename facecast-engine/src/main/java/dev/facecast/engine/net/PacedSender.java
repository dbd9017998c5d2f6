package dev.facecast.engine.net;

import dev.facecast.media.agent.MediaThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The one network send thread: it visits every session's outbound queues, sends what each
 * one's pacing budget allows (so a keyframe leaves over tens of milliseconds, not in one burst
 * that overflows a router queue), and runs each session's timed work (sender reports, the
 * quiet-peer check). It sleeps when nothing is queued and is woken by {@link #wake()}.
 */
public final class PacedSender implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PacedSender.class);
    /** How often a session whose budget ran out is visited again: libwebrtc's pacer runs every 5 ms. */
    private static final long PACING_TICK_NS = TimeUnit.MILLISECONDS.toNanos(5);
    /** The longest sleep, so timed work (reports every second, quiet checks) runs on time. */
    private static final long IDLE_TICK_NS = TimeUnit.MILLISECONDS.toNanos(50);

    /** One session's side of the send thread. */
    public interface Source {
        /**
         * Sends what is due at {@code nowNs}.
         *
         * @return true when packets are still queued because the pacing budget ran out
         */
        boolean sendDue(long nowNs);
    }

    private final CopyOnWriteArrayList<Source> sources = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean closed;

    public PacedSender() {
        this.thread = MediaThreads.platform("facecast-net-send", Thread.MAX_PRIORITY).newThread(this::run);
        thread.start();
    }

    public void add(Source source) {
        sources.add(source);
        wake();
    }

    public void remove(Source source) {
        sources.remove(source);
    }

    /** Something was queued: send it now rather than at the next tick. */
    public void wake() {
        LockSupport.unpark(thread);
    }

    private void run() {
        while (!closed) {
            boolean held = false;
            long nowNs = System.nanoTime();
            for (Source source : sources) {
                try {
                    held |= source.sendDue(nowNs);
                } catch (RuntimeException e) {
                    log.error("a session's send failed; its media may stall", e);
                }
            }
            LockSupport.parkNanos(held ? PACING_TICK_NS : IDLE_TICK_NS);
        }
    }

    @Override
    public void close() {
        closed = true;
        wake();
        try {
            thread.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
