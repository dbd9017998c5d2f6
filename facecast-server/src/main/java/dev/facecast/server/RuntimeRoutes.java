package dev.facecast.server;

import dev.facecast.session.AvatarSession;
import dev.facecast.webrtc.Publisher;
import io.javalin.Javalin;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/** Liveness, readiness and the process's resource counts. */
final class RuntimeRoutes {

    private final SessionService service;

    RuntimeRoutes(SessionService service) {
        this.service = service;
    }

    void install(Javalin app) {
        app.get("/healthz", ctx -> ctx.json(Map.of("status", "ok")));
        app.get("/readyz", ctx -> {
            int sessions = service.count();
            int max = service.manager().maxSessions();
            boolean ready = sessions < max;
            ctx.status(ready ? 200 : 503).json(Map.of("ready", ready, "sessions", sessions, "maxSessions", max));
        });
        app.get("/v1/runtime", ctx -> ctx.json(resources()));
    }

    /** What a leak check compares before and after a session: threads, frames, sessions. */
    private Map<String, Object> resources() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("sessions", service.count());
        view.put("osThreads", osThreadCount());
        view.put("javaPlatformThreads", Thread.getAllStackTraces().keySet().stream().filter(t -> !t.isVirtual()).count());
        view.put("nativeFramesOutstanding", Publisher.nativeFramesOutstanding());
        view.put("poolFramesOutstanding", service.manager().sessions().stream().mapToLong(AvatarSession::framesOutstanding).sum());
        view.put("availableProcessors", Runtime.getRuntime().availableProcessors());
        view.put("processCpuSeconds", processCpuSeconds());
        view.put("rssBytes", residentBytes());
        return view;
    }

    /** CPU time of the whole process, libwebrtc's encoder threads included. */
    static double processCpuSeconds() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime() / 1e9;
        }
        return -1;
    }

    /** Resident set size from /proc/self/status (VmRSS), in bytes; -1 where there is no /proc. */
    static long residentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
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
