package dev.facecast.media.agent;

import dev.facecast.media.clock.NanoClock;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;

/**
 * A fixed set of media threads ("lanes"), each running its agents in duty cycles and parking
 * until the earliest deadline among them.
 *
 * <p>Agents are added and removed through a per-lane command queue that the lane drains at
 * the top of each cycle, so the hot loop takes no lock. An agent that throws is removed and
 * reported to the failure handler; its lane and the other agents go on.
 */
public final class MediaRunner implements AutoCloseable {

    /** Upper bound on one park, so a lane notices commands and shutdown promptly. */
    private static final long MAX_PARK_NS = TimeUnit.MILLISECONDS.toNanos(5);

    private final NanoClock clock;
    private final BiConsumer<MediaAgent, Throwable> onFailure;
    private final Lane[] lanes;
    private volatile boolean running = true;

    public MediaRunner(int threads, NanoClock clock, BiConsumer<MediaAgent, Throwable> onFailure) {
        if (threads < 1) {
            throw new IllegalArgumentException("need at least one media thread");
        }
        this.clock = clock;
        this.onFailure = onFailure;
        ThreadFactory factory = MediaThreads.platform("facecast-media", Thread.MAX_PRIORITY);
        this.lanes = new Lane[threads];
        for (int i = 0; i < threads; i++) {
            lanes[i] = new Lane();
            lanes[i].thread = factory.newThread(lanes[i]);
            lanes[i].thread.start();
        }
    }

    /** Hands the agent to the lane with the fewest agents. */
    public void add(MediaAgent agent) {
        Lane lane = lanes[0];
        for (Lane candidate : lanes) {
            if (candidate.agentCount.get() < lane.agentCount.get()) {
                lane = candidate;
            }
        }
        Lane chosen = lane;
        chosen.agentCount.incrementAndGet();
        chosen.submit(() -> chosen.agents.add(agent));
    }

    /** Removes the agent; the future completes after its {@link MediaAgent#onClose()} ran. */
    public CompletableFuture<Void> remove(MediaAgent agent) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        AtomicInteger lanesToAsk = new AtomicInteger(lanes.length);
        for (Lane lane : lanes) {
            lane.submit(() -> {
                if (lane.agents.remove(agent)) {
                    lane.agentCount.decrementAndGet();
                    lane.close(agent);
                }
                // Complete once every lane has looked: an agent that already failed is on none.
                if (lanesToAsk.decrementAndGet() == 0) {
                    done.complete(null);
                }
            });
        }
        return done;
    }

    public int threadCount() {
        return lanes.length;
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
        final ConcurrentLinkedQueue<Runnable> commands = new ConcurrentLinkedQueue<>();
        final List<MediaAgent> agents = new ArrayList<>();
        final AtomicInteger agentCount = new AtomicInteger();
        Thread thread;

        void submit(Runnable command) {
            commands.add(command);
            LockSupport.unpark(thread);
        }

        @Override
        public void run() {
            while (running) {
                for (Runnable command; (command = commands.poll()) != null; ) {
                    command.run();
                }
                long nowNs = clock.nanoTime();
                long earliestNs = nowNs + MAX_PARK_NS;
                for (int i = agents.size() - 1; i >= 0; i--) {
                    MediaAgent agent = agents.get(i);
                    try {
                        agent.doWork(nowNs);
                        earliestNs = Math.min(earliestNs, agent.nextDeadlineNs());
                    } catch (Throwable failure) {
                        agents.remove(i);
                        agentCount.decrementAndGet();
                        onFailure.accept(agent, failure);
                        close(agent);
                    }
                }
                long parkNs = earliestNs - clock.nanoTime();
                if (parkNs > 0 && commands.isEmpty()) {
                    LockSupport.parkNanos(this, parkNs);
                }
            }
            agents.forEach(this::close);
            agents.clear();
        }

        void close(MediaAgent agent) {
            try {
                agent.onClose();
            } catch (Throwable failure) {
                onFailure.accept(agent, failure);
            }
        }
    }
}
