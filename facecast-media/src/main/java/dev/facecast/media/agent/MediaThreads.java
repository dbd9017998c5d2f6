package dev.facecast.media.agent;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one place where Facecast makes threads, so every thread's name says its role, and every
 * one of them, virtual threads included, is counted until it ends: a leaked session thread
 * shows up in {@link #liveThreads()} even though the JVM's thread counts leave virtual
 * threads out.
 */
public final class MediaThreads {

    private static final AtomicInteger LIVE = new AtomicInteger();

    private MediaThreads() {
    }

    /** Platform threads {@code prefix-0, prefix-1, ...}, daemon, at the given priority. */
    public static ThreadFactory platform(String prefix, int priority) {
        AtomicInteger next = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(counted(runnable), prefix + "-" + next.getAndIncrement());
            thread.setDaemon(true);
            thread.setPriority(priority);
            return thread;
        };
    }

    /** Virtual threads {@code prefix-0, prefix-1, ...}: for blocking-style conversation and control work. */
    public static ThreadFactory virtual(String prefix) {
        ThreadFactory virtual = Thread.ofVirtual().name(prefix + "-", 0).factory();
        return runnable -> virtual.newThread(counted(runnable));
    }

    /**
     * Threads made here that have not ended, platform and virtual, process-wide. A thread counts
     * from when it is made, not from when it first runs: one just started is never missed by a
     * reading taken right after, as a leak check's baseline is.
     */
    public static int liveThreads() {
        return LIVE.get();
    }

    /** Called as the thread is made; every thread made here is started at once. */
    private static Runnable counted(Runnable runnable) {
        LIVE.incrementAndGet();
        return () -> {
            try {
                runnable.run();
            } finally {
                LIVE.decrementAndGet();
            }
        };
    }
}
