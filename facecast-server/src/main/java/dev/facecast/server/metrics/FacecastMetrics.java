package dev.facecast.server.metrics;

import dev.facecast.media.agent.MediaAgent;
import dev.facecast.media.agent.SchedulerObserver;
import dev.facecast.session.FrameObserver;
import dev.facecast.session.MediaTotals;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * Every metric Facecast exports, defined here and only here, each with a stable
 * {@code facecast_*} name and a description. Prometheus text at {@code GET /metrics}.
 *
 * <p>Hot-path meters (frame lateness, scheduler lag) are recorded on media threads without
 * allocation; everything else is read from counters and the sampler at scrape time.
 */
public final class FacecastMetrics {

    private static final Logger log = LoggerFactory.getLogger(FacecastMetrics.class);
    /** Bucket bounds for lateness and lag: the interesting range is 1 ms to a few frame intervals. */
    private static final Duration[] LATENESS_BUCKETS = {
            Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(20),
            Duration.ofMillis(33), Duration.ofMillis(50), Duration.ofMillis(67), Duration.ofMillis(100),
            Duration.ofMillis(200), Duration.ofMillis(500), Duration.ofSeconds(1)};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Timer frameLateness = Timer.builder("facecast.frame.lateness")
            .description("How late each video frame was pushed after its deadline")
            .serviceLevelObjectives(LATENESS_BUCKETS)
            .register(registry);
    private final Timer schedulerLag = Timer.builder("facecast.scheduler.lag")
            .description("Start of a media agent's due work minus its deadline, on the media threads")
            .serviceLevelObjectives(LATENESS_BUCKETS)
            .register(registry);
    private final Counter agentFailures = Counter.builder("facecast.media.agent.failures")
            .description("Media agents that threw and were removed (their session stops streaming)")
            .register(registry);
    private final Counter sessionsRejected = Counter.builder("facecast.sessions.rejected")
            .description("Session requests refused: at capacity (429) or draining (503)")
            .register(registry);
    private final MultiGauge sessionCpu = MultiGauge.builder("facecast.session.cpu.cores")
            .description("CPU of one session over the last sampling interval, by stage, in cores")
            .register(registry);

    /** A fleet's meters, registered by {@link #bindCluster} only: a process alone exports none of them. */
    private Counter proxiedRequests;
    private Timer placement;

    public FrameObserver frameObserver() {
        return latenessNs -> frameLateness.record(latenessNs, TimeUnit.NANOSECONDS);
    }

    public SchedulerObserver schedulerObserver() {
        return new SchedulerObserver() {
            @Override
            public void onLag(long lagNs) {
                schedulerLag.record(lagNs, TimeUnit.NANOSECONDS);
            }

            @Override
            public void onAgentFailed(MediaAgent agent, Throwable failure) {
                agentFailures.increment();
                log.error("media agent {} failed and was removed", agent.roleName(), failure);
            }
        };
    }

    /** A session closed, and why ({@code reason} is a stable lower-case label). */
    public void countClosed(String reason) {
        Counter.builder("facecast.sessions.closed").description("Sessions closed, by reason")
                .tags(Tags.of("reason", reason)).register(registry).increment();
    }

    public void countRejected() {
        sessionsRejected.increment();
    }

    /** A new session placed: {@code here}, on a {@code peer}, or {@code alone} (the registry did not answer). */
    public void countPlacement(String where) {
        Counter.builder("facecast.cluster.placements").description("New sessions placed, by where they went")
                .tags(Tags.of("where", where)).register(registry).increment();
    }

    public void countProxied() {
        proxiedRequests.increment();
    }

    public void recordPlacement(long elapsedNs) {
        placement.record(elapsedNs, TimeUnit.NANOSECONDS);
    }

    /** For a worker of a fleet: whether its registry answers (0 while it serves alone), and the fleet's meters. */
    public void bindCluster(java.util.function.BooleanSupplier registryUp) {
        proxiedRequests = Counter.builder("facecast.cluster.proxied.requests")
                .description("Requests about a session another worker owns, carried to it")
                .register(registry);
        placement = Timer.builder("facecast.cluster.placement")
                .description("Picking a worker and reserving its slot in the registry, per new session (what placement adds)")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
        Gauge.builder("facecast.cluster.registry.up", () -> registryUp.getAsBoolean() ? 1 : 0)
                .description("1 while the fleet's registry (Redis) answers, 0 while this worker serves and places alone")
                .register(registry);
    }

    /** The meters read at scrape time, from the process's live state. */
    public void bind(IntSupplier sessionsActive, IntSupplier capacity, IntSupplier resamplersActive, int mediaThreads,
                     MediaTotals totals, ResourceSampler sampler) {
        Gauge.builder("facecast.sessions.active", sessionsActive::getAsInt)
                .description("Sessions in this process").register(registry);
        Gauge.builder("facecast.sessions.capacity", capacity::getAsInt)
                .description("Sessions this process can hold now, from measured CPU per session and lateness").register(registry);
        Gauge.builder("facecast.resamplers.active", resamplersActive::getAsInt)
                .description("Streaming resamplers running, output and microphone paths (zero when every format matches)").register(registry);
        Gauge.builder("facecast.media.threads", () -> mediaThreads)
                .description("Media threads running session agents").register(registry);
        FunctionCounter.builder("facecast.frames.pushed", totals, MediaTotals::framesPushed)
                .description("Video frames handed to encoders").register(registry);
        FunctionCounter.builder("facecast.frames.rendered", totals, MediaTotals::framesRendered)
                .description("Video frames drawn (fewer than pushed when unchanged idle frames are re-sent)").register(registry);
        FunctionCounter.builder("facecast.frames.late", totals, MediaTotals::framesLate)
                .description("Video frames pushed more than half a frame interval after their deadline").register(registry);
        FunctionCounter.builder("facecast.audio.underruns", totals, MediaTotals::audioUnderruns)
                .description("10 ms audio ticks in the middle of a reply with too little speech queued").register(registry);
        FunctionCounter.builder("facecast.speech.queue.full.waits", totals, MediaTotals::speechQueueFullWaits)
                .description("Times synthesis waited because a session's speech queue to its media thread was full (back-pressure)")
                .register(registry);
        FunctionCounter.builder("facecast.replies.failed", totals, MediaTotals::repliesFailed)
                .description("Replies whose synthesis failed").register(registry);
        FunctionCounter.builder("facecast.mic.chunks.dropped", totals, MediaTotals::micChunksDropped)
                .description("Microphone chunks dropped because a conversation fell behind").register(registry);
        FunctionCounter.builder("facecast.conversation.events.dropped", totals, MediaTotals::conversationEventsDropped)
                .description("Conversation events other than microphone audio that found no room (a stuck conversation)")
                .register(registry);
        for (CpuStage stage : CpuStage.values()) {
            FunctionCounter.builder("facecast.cpu", sampler, s -> s.stageCpuSeconds(stage))
                    .baseUnit("seconds").tags(Tags.of("stage", stage.label()))
                    .description("Process CPU by stage (thread role), from the kernel's per-thread times").register(registry);
        }
        FunctionCounter.builder("facecast.media.thread.cpu", totals, t -> (t.renderNs() + t.audioNs() + t.videoHandoffNs()) / 1e9)
                .baseUnit("seconds").description("Media-thread time in session stages (render, audio, video hand-off)")
                .register(registry);
        Gauge.builder("facecast.process.cpu.cores", sampler, s -> s.latest().processCores())
                .description("Process CPU over the last sampling interval, in cores").register(registry);
        Gauge.builder("facecast.process.rss", sampler, s -> s.latest().rssBytes())
                .baseUnit("bytes").description("Resident memory of the process").register(registry);
        Gauge.builder("facecast.encode.time.per.frame", sampler, s -> s.latest().encodeMsPerFrame() / 1000)
                .baseUnit("seconds").description("VP8 encode time per frame over all sessions, from libwebrtc").register(registry);
        Gauge.builder("facecast.video.bitrate", sampler,
                        s -> s.latest().sessions().values().stream().mapToDouble(SessionUsage::videoBitrateBps).sum())
                .baseUnit("bits.per.second").description("Video sent by all sessions").register(registry);
    }

    /** Refreshes the per-session CPU gauges from the sampler's latest snapshot (on scrape). */
    private void refreshSessionCpu(Supplier<ResourceSnapshot> snapshot) {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        for (Map.Entry<String, SessionUsage> entry : snapshot.get().sessions().entrySet()) {
            SessionUsage usage = entry.getValue();
            rows.add(row(entry.getKey(), "render", usage.renderCores()));
            rows.add(row(entry.getKey(), "audio", usage.audioCores()));
            rows.add(row(entry.getKey(), "video_handoff", usage.videoHandoffCores()));
            rows.add(row(entry.getKey(), "encode", usage.encodeCores()));
        }
        sessionCpu.register(rows, true);
    }

    private static MultiGauge.Row<?> row(String session, String stage, double cores) {
        return MultiGauge.Row.of(Tags.of("session", session, "stage", stage), cores);
    }

    /** The Prometheus text exposition of every meter. */
    public String scrape(Supplier<ResourceSnapshot> snapshot) {
        refreshSessionCpu(snapshot);
        return registry.scrape();
    }
}
