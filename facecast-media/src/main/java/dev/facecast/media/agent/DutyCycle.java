package dev.facecast.media.agent;

import dev.facecast.media.clock.NanoClock;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One media thread's loop body, separate from the thread so tests can drive it with a
 * manual clock: apply queued commands, read the clock once, run every agent, report the lag
 * of the ones that were due, and say how long the thread may park.
 *
 * <p>Threading: {@link #submit} from any thread; everything else on the owning thread.
 */
public final class DutyCycle {

    /** Upper bound on one park, so a lane notices commands and shutdown promptly. */
    static final long MAX_PARK_NS = 5_000_000L;

    private final NanoClock clock;
    private final SchedulerObserver observer;
    private final ConcurrentLinkedQueue<Runnable> commands = new ConcurrentLinkedQueue<>();
    private final List<MediaAgent> agents = new ArrayList<>();
    private final AtomicInteger agentCount = new AtomicInteger();

    public DutyCycle(NanoClock clock, SchedulerObserver observer) {
        this.clock = clock;
        this.observer = observer;
    }

    /** Queues a change to the agent list; it is applied at the start of the next cycle. */
    public void submit(Runnable command) {
        commands.add(command);
    }

    public void add(MediaAgent agent) {
        agentCount.incrementAndGet();
        submit(() -> agents.add(agent));
    }

    /** Queues removal; {@code afterwards} runs on the owning thread with whether the agent was here. */
    public void remove(MediaAgent agent, java.util.function.Consumer<Boolean> afterwards) {
        submit(() -> {
            boolean removed = agents.remove(agent);
            if (removed) {
                agentCount.decrementAndGet();
                close(agent);
            }
            afterwards.accept(removed);
        });
    }

    /** Agents on this cycle, including ones queued to join: a load-balancing hint. */
    public int agentCount() {
        return agentCount.get();
    }

    public boolean hasCommands() {
        return !commands.isEmpty();
    }

    /**
     * Runs one cycle.
     *
     * @return nanoseconds until the earliest deadline (at most {@link #MAX_PARK_NS}); 0 or less
     *         means work is due now
     */
    public long runOnce() {
        for (Runnable command; (command = commands.poll()) != null; ) {
            command.run();
        }
        long nowNs = clock.nanoTime();
        long earliestNs = nowNs + MAX_PARK_NS;
        for (int i = agents.size() - 1; i >= 0; i--) {
            MediaAgent agent = agents.get(i);
            try {
                long lagNs = nowNs - agent.nextDeadlineNs();
                if (agent.doWork(nowNs) > 0 && lagNs >= 0) {
                    observer.onLag(lagNs);
                }
                earliestNs = Math.min(earliestNs, agent.nextDeadlineNs());
            } catch (Throwable failure) {
                agents.remove(i);
                agentCount.decrementAndGet();
                observer.onAgentFailed(agent, failure);
                close(agent);
            }
        }
        return earliestNs - clock.nanoTime();
    }

    /** Closes every agent: the thread is stopping. */
    public void closeAll() {
        for (Runnable command; (command = commands.poll()) != null; ) {
            command.run();
        }
        agents.forEach(this::close);
        agents.clear();
        agentCount.set(0);
    }

    private void close(MediaAgent agent) {
        try {
            agent.onClose();
        } catch (Throwable failure) {
            observer.onAgentFailed(agent, failure);
        }
    }
}
