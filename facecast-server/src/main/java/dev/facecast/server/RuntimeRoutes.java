package dev.facecast.server;

import dev.facecast.media.agent.MediaThreads;
import dev.facecast.server.cluster.ClusterNode;
import dev.facecast.server.metrics.FacecastMetrics;
import dev.facecast.server.metrics.ResourceSampler;
import dev.facecast.server.metrics.ResourceSnapshot;
import dev.facecast.session.Session;
import dev.facecast.webrtc.NativeFrames;
import io.javalin.Javalin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/** Liveness, readiness and the process's resource counts. */
final class RuntimeRoutes {

    private final SessionService service;
    private final Admission admission;
    private final FacecastMetrics metrics;
    private final ResourceSampler sampler;
    /** Null when this process is a fleet of one. */
    private final ClusterNode cluster;

    RuntimeRoutes(SessionService service, Admission admission, FacecastMetrics metrics, ResourceSampler sampler,
                  ClusterNode cluster) {
        this.cluster = cluster;
        this.service = service;
        this.admission = admission;
        this.metrics = metrics;
        this.sampler = sampler;
    }

    void install(Javalin app) {
        app.get("/healthz", ctx -> ctx.json(Map.of("status", "ok")));
        app.get("/readyz", ctx -> {
            boolean ready = admission.isReady();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("ready", ready);
            body.put("draining", admission.isDraining());
            body.put("sessions", service.count());
            body.put("capacity", admission.capacity().estimate());
            body.put("maxSessions", service.manager().maxSessions());
            if (cluster != null) {
                // Still ready while the registry is away: this worker serves and places alone meanwhile.
                body.put("registry", cluster.registryUp() ? "connected" : "unreachable");
            }
            ctx.status(ready ? 200 : 503).json(body);
        });
        app.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                .result(metrics.scrape(sampler::latest)));
        app.get("/v1/runtime", ctx -> ctx.json(resources()));
        app.post("/v1/admin/drain", ctx -> {
            admission.startDraining();
            ctx.status(202).json(Map.of("draining", true, "sessions", service.count()));
        });
    }

    /** What a leak check compares before and after a session: threads, frames, sessions. */
    private Map<String, Object> resources() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("sessions", service.count());
        view.put("mediaEngine", service.mediaEngine());
        view.put("osThreads", osThreadCount());
        view.put("javaPlatformThreads", Thread.getAllStackTraces().keySet().stream().filter(t -> !t.isVirtual()).count());
        // Every thread Facecast made that still runs, virtual ones included: a leaked session thread shows here.
        view.put("facecastThreads", MediaThreads.liveThreads());
        view.put("nativeFramesOutstanding", NativeFrames.outstanding());
        view.put("poolFramesOutstanding", service.manager().sessions().stream().mapToLong(Session::framesOutstanding).sum());
        view.put("availableProcessors", Runtime.getRuntime().availableProcessors());
        view.put("processCpuSeconds", ResourceSampler.processCpuSeconds());
        view.put("rssBytes", ResourceSampler.residentBytes());
        ResourceSnapshot snapshot = sampler.latest();
        view.put("processCores", snapshot.processCores());
        Map<String, Double> stages = new LinkedHashMap<>();
        snapshot.stageCores().forEach((stage, cores) -> stages.put(stage.name().toLowerCase(java.util.Locale.ROOT), cores));
        view.put("stageCores", stages);
        view.put("encodeMsPerFrame", snapshot.encodeMsPerFrame());
        view.put("capacity", admission.capacity().estimate());
        view.put("coresPerSession", admission.capacity().coresPerSession());
        view.put("lateFrameRatio", admission.capacity().lateFrameRatio());
        return view;
    }

    /** Every thread of the process, libwebrtc's native ones too (Linux: /proc/self/task). */
    static long osThreadCount() {
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            return tasks.count();
        } catch (IOException e) {
            return -1;
        }
    }
}
