package dev.facecast.server.metrics;

import dev.facecast.media.agent.MediaThreads;
import dev.facecast.session.SessionStats;
import dev.facecast.webrtc.PublisherStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Measures, every interval, where the process's CPU goes: per stage from the kernel's
 * per-thread times, per session from the media agents' stage clocks and the session's
 * encoder threads, plus encode time and bitrate from libwebrtc. Off the media threads (on
 * its own virtual thread); readers get the latest immutable snapshot.
 */
public final class ResourceSampler implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ResourceSampler.class);

    private final Supplier<List<SessionProbe>> sessions;
    private final EncoderThreads encoders;
    private final Duration interval;
    private final ProcessReadings process;
    private final Consumer<ResourceSnapshot> onSample;
    private final Map<CpuStage, DoubleAdder> stageCpuSeconds = new EnumMap<>(CpuStage.class);
    private final Map<Integer, Double> lastTaskSeconds = new HashMap<>();
    private Map<String, SessionStats> lastStats = new HashMap<>();
    private Map<String, PublisherStats> lastPublisherStats = new HashMap<>();
    private double lastProcessSeconds;
    private long lastSampleNs;
    private boolean sampledBefore;
    private volatile ResourceSnapshot latest = ResourceSnapshot.EMPTY;
    private volatile Thread thread;

    /**
     * @param onSample told each new snapshot, on the sampling thread: it sees every sample, not
     *                 only those a reader happens to ask for; it must be quick
     */
    public ResourceSampler(Supplier<List<SessionProbe>> sessions, EncoderThreads encoders, Duration interval,
                           Consumer<ResourceSnapshot> onSample) {
        this(sessions, encoders, interval, onSample, ProcessReadings.SYSTEM);
    }

    ResourceSampler(Supplier<List<SessionProbe>> sessions, EncoderThreads encoders, Duration interval,
                    Consumer<ResourceSnapshot> onSample, ProcessReadings process) {
        this.sessions = sessions;
        this.encoders = encoders;
        this.interval = interval;
        this.onSample = onSample;
        this.process = process;
        for (CpuStage stage : CpuStage.values()) {
            stageCpuSeconds.put(stage, new DoubleAdder());
        }
    }

    public void start() {
        sample();
        thread = MediaThreads.virtual("facecast-sampler").newThread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep(interval);
                    sample();
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    log.warn("resource sample failed", e);
                }
            }
        });
        thread.start();
    }

    public ResourceSnapshot latest() {
        return latest;
    }

    /** CPU seconds spent in a stage since start (threads that ended lose their last interval). */
    public double stageCpuSeconds(CpuStage stage) {
        return stageCpuSeconds.get(stage).sum();
    }

    /** Takes a sample now; the sampling thread calls this every interval. */
    public synchronized void sample() {
        long nowNs = process.clock().nanoTime();
        double seconds = sampledBefore ? (nowNs - lastSampleNs) / 1e9 : 0;
        List<ProcTasks.Task> tasks = process.threads().get();
        encoders.retainOnly(tasks);
        Map<CpuStage, Double> stageCores = new EnumMap<>(CpuStage.class);
        Map<String, Double> encodeSecondsBySession = new HashMap<>();
        for (ProcTasks.Task task : tasks) {
            double delta = task.cpuSeconds() - lastTaskSeconds.getOrDefault(task.tid(), task.cpuSeconds());
            lastTaskSeconds.put(task.tid(), task.cpuSeconds());
            CpuStage stage = CpuStage.of(task.name());
            stageCpuSeconds.get(stage).add(delta);
            stageCores.merge(stage, seconds > 0 ? delta / seconds : 0, Double::sum);
            String owner = stage == CpuStage.ENCODE ? encoders.sessionOf(task.tid()) : null;
            if (owner != null) {
                encodeSecondsBySession.merge(owner, delta, Double::sum);
            }
        }
        lastTaskSeconds.keySet().retainAll(tasks.stream().map(ProcTasks.Task::tid).toList());

        Map<String, SessionUsage> usage = new HashMap<>();
        Map<String, SessionStats> stats = new HashMap<>();
        Map<String, PublisherStats> publisherStats = new HashMap<>();
        long framesEncoded = 0;
        double encodeSeconds = 0;
        List<SessionProbe> probes = sessions.get();
        for (SessionProbe probe : probes) {
            SessionStats now = probe.stats();
            PublisherStats sent = awaitQuietly(probe);
            stats.put(probe.id(), now);
            publisherStats.put(probe.id(), sent);
            SessionStats before = lastStats.getOrDefault(probe.id(), now);
            PublisherStats sentBefore = lastPublisherStats.getOrDefault(probe.id(), sent);
            long frames = sent.framesEncoded() - sentBefore.framesEncoded();
            double encode = sent.totalEncodeTimeSeconds() - sentBefore.totalEncodeTimeSeconds();
            framesEncoded += frames;
            encodeSeconds += encode;
            if (seconds > 0) {
                usage.put(probe.id(), new SessionUsage(
                        (now.renderNs() - before.renderNs()) / 1e9 / seconds,
                        (now.audioNs() - before.audioNs()) / 1e9 / seconds,
                        (now.videoHandoffNs() - before.videoHandoffNs()) / 1e9 / seconds,
                        encodeSecondsBySession.getOrDefault(probe.id(), 0.0) / seconds,
                        frames > 0 ? encode * 1000 / frames : 0,
                        (sent.videoBytesSent() - sentBefore.videoBytesSent()) * 8 / seconds,
                        (sent.audioBytesSent() - sentBefore.audioBytesSent()) * 8 / seconds));
            }
        }
        double processSeconds = process.cpuSeconds().getAsDouble();
        double processCores = seconds > 0 ? (processSeconds - lastProcessSeconds) / seconds : 0;
        // Steady means the same sessions at both ends, compared by id rather than by count:
        // one leaving and another joining keeps the count but puts a start-up and a teardown
        // in the interval. Ids need nothing from the session layer; what they cannot see is a
        // session that lived entirely between two samples, which a churn counter kept by the
        // session manager would catch.
        boolean steady = seconds > 0 && stats.keySet().equals(lastStats.keySet());
        int steadyCount = steady ? probes.size() : ResourceSnapshot.UNSTEADY;
        lastProcessSeconds = processSeconds;
        lastStats = stats;
        lastPublisherStats = publisherStats;
        lastSampleNs = nowNs;
        sampledBefore = true;
        latest = new ResourceSnapshot(steadyCount, processCores, Map.copyOf(stageCores), Map.copyOf(usage), residentBytes(),
                framesEncoded > 0 ? encodeSeconds * 1000 / framesEncoded : 0);
        onSample.accept(latest);
    }

    @Override
    public void close() {
        Thread running = thread;
        if (running != null) {
            running.interrupt();
        }
    }

    private static PublisherStats awaitQuietly(SessionProbe probe) {
        try {
            return probe.publisherStats().get(1, TimeUnit.SECONDS);
        } catch (Exception e) {
            return PublisherStats.NONE;
        }
    }

    /** CPU time of the whole process, libwebrtc's threads included. */
    public static double processCpuSeconds() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime() / 1e9;
        }
        return -1;
    }

    /** Resident set size from /proc/self/status (VmRSS), in bytes; -1 where there is no /proc. */
    public static long residentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (java.io.IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
