package dev.facecast.media.agent;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** The one place where Facecast makes threads, so every thread's name says its role. */
public final class MediaThreads {

    private MediaThreads() {
    }

    /** Platform threads {@code prefix-0, prefix-1, ...}, daemon, at the given priority. */
    public static ThreadFactory platform(String prefix, int priority) {
        AtomicInteger next = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + next.getAndIncrement());
            thread.setDaemon(true);
            thread.setPriority(priority);
            return thread;
        };
    }

    /** Virtual threads {@code prefix-0, prefix-1, ...}: for blocking-style conversation and control work. */
    public static ThreadFactory virtual(String prefix) {
        return Thread.ofVirtual().name(prefix + "-", 0).factory();
    }
}
