package dev.facecast.media.agent;

import dev.facecast.media.clock.NanoClock;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed set of media threads ("lanes"), each running a {@link DutyCycle} over its agents and
 * parking until the earliest deadline among them.
 *
 * <p>Agents are added and removed through each lane's command queue, applied at the top of a
 * cycle, so the hot loop takes no lock. An agent that throws is removed and reported; its
 * lane and the other agents go on.
 */
public final class MediaRunner implements AutoCloseable {

    private final Lane[] lanes;
    private volatile boolean running = true;

    public MediaRunner(int threads, NanoClock clock, SchedulerObserver observer) {
        if (threads < 1) {
            throw new IllegalArgumentException("need at least one media thread");
        }
        ThreadFactory factory = MediaThreads.platform("facecast-media", Thread.MAX_PRIORITY);
        this.lanes = new Lane[threads];
        for (int i = 0; i < threads; i++) {
            lanes[i] = new Lane(new DutyCycle(clock, observer));
            lanes[i].thread = factory.newThread(lanes[i]);
            lanes[i].thread.start();
        }
    }

    /** Hands the agent to the lane with the fewest agents. */
    public void add(MediaAgent agent) {
        Lane chosen = lanes[0];
        for (Lane candidate : lanes) {
            if (candidate.cycle.agentCount() < chosen.cycle.agentCount()) {
                chosen = candidate;
            }
        }
        chosen.cycle.add(agent);
        LockSupport.unpark(chosen.thread);
    }

    /** Removes the agent; the future completes after every lane looked (and its onClose ran). */
    public CompletableFuture<Void> remove(MediaAgent agent) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        AtomicInteger lanesToAsk = new AtomicInteger(lanes.length);
        for (Lane lane : lanes) {
            // An agent that already failed is on no lane: complete once all have looked.
            lane.cycle.remove(agent, removed -> {
                if (lanesToAsk.decrementAndGet() == 0) {
                    done.complete(null);
                }
            });
            LockSupport.unpark(lane.thread);
        }
        return done;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Lane lane : lanes) {
            LockSupport.unpark(lane.thread);
            lane.thread.join(TimeUnit.SECONDS.toMillis(5));
        }
    }

    private final class Lane implements Runnable {
        final DutyCycle cycle;
        Thread thread;

        Lane(DutyCycle cycle) {
            this.cycle = cycle;
        }

        @Override
        public void run() {
            while (running) {
                long parkNs = cycle.runOnce();
                if (parkNs > 0 && !cycle.hasCommands()) {
                    LockSupport.parkNanos(this, parkNs);
                }
            }
            cycle.closeAll();
        }
    }
}
