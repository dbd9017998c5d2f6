package dev.facecast.server;

import dev.facecast.server.metrics.SessionUsage;
import dev.facecast.session.Session;
import dev.facecast.session.SessionStats;

import java.util.LinkedHashMap;
import java.util.Map;

/** A session as {@code GET /v1/sessions/{id}} shows it (the README has an example). */
final class SessionView {

    private SessionView() {
    }

    /** The session as the API shows it; {@code usage} is its CPU and bitrate over the sampler's last interval. */
    static Map<String, Object> of(Session session, boolean microphone, SessionUsage usage) {
        SessionStats stats = session.stats();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", session.id());
        view.put("state", session.state().wireName());
        view.put("connection", SessionService.publisher(session).map(SessionPublisher::connectionState).orElse("none"));
        view.put("engine", SessionService.publisher(session).map(SessionPublisher::engineCounters).orElse(Map.of()));
        view.put("fps", session.video().fps());
        view.put("idleFps", session.idleFps());
        view.put("currentFps", session.currentFps());
        view.put("width", session.video().width());
        view.put("height", session.video().height());
        view.put("framesPushed", stats.framesPushed());
        view.put("framesRendered", stats.framesRendered());
        view.put("audioMsPushed", stats.audioMsPushed());
        view.put("speechMsPushed", stats.speechMsPushed());
        view.put("audioUnderruns", stats.audioUnderruns());
        view.put("speechQueueFullWaits", session.speechQueueFullWaits());
        view.put("repliesFailed", session.repliesFailed());
        view.put("audioSampleRateHz", session.audioFormat().sampleRateHz()); // published: the avatar's output
        view.put("speechSampleRateHz", session.speechFormat().sampleRateHz()); // asked of the voice: the avatar's input
        var talk = session.conversation().stats();
        view.put("resamplersActive", session.resamplersActive());
        view.put("inputResamplersActive", talk.resamplersActive());
        view.put("agentState", session.conversation().state().wireName());
        view.put("microphone", microphone);
        view.put("turnLatenciesMs", talk.turnLatenciesMs());
        view.put("interruptionReactionsMs", talk.interruptionReactionsMs());
        view.put("sttRealTimeFactor", talk.sttRealTimeFactor());
        view.put("micChunksDropped", talk.micChunksDropped());
        view.put("maxFrameLatenessMs", stats.maxFrameLatenessMs());
        view.put("pacerReanchors", stats.pacerReanchors());
        Map<String, Object> cpu = new LinkedHashMap<>();
        cpu.put("render", usage.renderCores());
        cpu.put("audio", usage.audioCores());
        cpu.put("videoHandoff", usage.videoHandoffCores());
        cpu.put("encode", usage.encodeCores());
        cpu.put("total", usage.totalCores());
        view.put("cpuCores", cpu);
        view.put("encodeMsPerFrame", usage.encodeMsPerFrame());
        view.put("videoBitrateBps", usage.videoBitrateBps());
        return view;
    }
}
