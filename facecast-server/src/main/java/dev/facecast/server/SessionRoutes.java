package dev.facecast.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.facecast.media.audio.ToneBursts;
import dev.facecast.server.http.ApiException;
import dev.facecast.server.http.BoundedBody;
import dev.facecast.server.http.ContentTypes;
import dev.facecast.server.http.JsonBodies;
import dev.facecast.server.http.SessionSpecs;
import dev.facecast.server.http.SyncProbes;
import dev.facecast.server.metrics.FacecastMetrics;
import dev.facecast.server.metrics.ResourceSampler;
import dev.facecast.session.Session;
import dev.facecast.session.SessionSpec;
import io.javalin.Javalin;
import io.javalin.http.Context;

import java.util.Map;

/**
 * The session API. Handlers run on virtual threads, so blocking signalling (waiting for
 * ICE gathering) is fine here.
 */
final class SessionRoutes {

    /** Text to speak in one request; longer replies go in several. */
    static final int MAX_SAY_CHARS = 2_000;
    /** SDP offers are a few kilobytes. */
    static final int MAX_SDP_BYTES = 64 * 1024;

    private final SessionService service;
    private final int defaultIdleFps;
    private final JsonBodies json;
    private final Admission admission;
    private final FacecastMetrics metrics;
    private final ResourceSampler sampler;

    /** @param defaultIdleFps a new session's idle frame rate unless it asks for another */
    SessionRoutes(SessionService service, int defaultIdleFps, JsonBodies json, Admission admission, FacecastMetrics metrics,
                  ResourceSampler sampler) {
        this.service = service;
        this.defaultIdleFps = defaultIdleFps;
        this.json = json;
        this.admission = admission;
        this.metrics = metrics;
        this.sampler = sampler;
    }

    void install(Javalin app) {
        app.post("/v1/sessions", this::create);
        app.get("/v1/sessions", ctx -> ctx.json(Map.of("sessions", service.manager().sessions().stream().map(this::view).toList())));
        app.get("/v1/sessions/{id}", ctx -> ctx.json(view(session(ctx))));
        app.patch("/v1/sessions/{id}", this::update);
        app.delete("/v1/sessions/{id}", this::delete);
        app.post("/v1/sessions/{id}/whep", this::whep);
        // RFC 9725 §4.3: a WHIP or WHEP client hangs up with DELETE on the resource it was given.
        app.delete("/v1/sessions/{id}/whep", this::hangUp);
        app.delete("/v1/sessions/{id}/whip", this::hangUp);
        app.post("/v1/sessions/{id}/say", this::say);
        app.post("/v1/sessions/{id}/whip", this::whip);
        app.post("/v1/sessions/{id}/messages", this::message);
        // Javalin serves an event stream only to a client that asks for one; anyone else would get an empty 200.
        app.before("/v1/sessions/{id}/events", ctx -> {
            String accept = ctx.header("Accept");
            if (accept == null || !accept.contains("text/event-stream")) {
                throw new ApiException(406, "the events resource is a stream of server-sent events: send Accept: text/event-stream");
            }
        });
        app.sse("/v1/sessions/{id}/events", client -> service.events().stream(session(client.ctx()).id(), client));
        app.get("/v1/sessions/{id}/transcript", this::transcript);
        app.post("/v1/sessions/{id}/sync-probe", this::syncProbe);
        app.post("/v1/sessions/{id}/close", this::closeByClient);
    }

    private void create(Context ctx) throws Exception {
        JsonNode body = json.object(ctx, "width", "height", "fps", "idleFps", "syncMark", "syncMarkDelayMs");
        // Checked whole before admission: a request that fails here never holds a slot.
        SessionSpec spec = SessionSpecs.fromJson(body, defaultIdleFps);
        SessionService.Created created = admitted(() -> service.create(spec));
        Map<String, Object> shown = view(created.session());
        // The one time the token is shown: the browser's credential for this session alone.
        shown.put("token", created.token());
        ctx.status(201).header("Location", "/v1/sessions/" + created.session().id()).json(shown);
    }

    private void update(Context ctx) throws Exception {
        Session session = session(ctx);
        JsonNode body = json.object(ctx, "fps", "idleFps");
        var fps = JsonBodies.optionalInt(body, "fps");
        var idleFps = JsonBodies.optionalInt(body, "idleFps");
        if (fps.isEmpty() && idleFps.isEmpty()) {
            throw ApiException.badRequest("nothing to change: send {\"fps\": 1..60} and/or {\"idleFps\": 0..60}");
        }
        fps.ifPresent(session::setFps);
        idleFps.ifPresent(session::setIdleFps);
        ctx.json(view(session));
    }

    private void delete(Context ctx) {
        if (!service.delete(ctx.pathParam("id"))) {
            throw ApiException.notFound("session " + ctx.pathParam("id"));
        }
        ctx.status(204);
    }

    /** The page's goodbye as it unloads (sendBeacon: a POST whose body does not matter). */
    private void closeByClient(Context ctx) {
        if (!service.delete(ctx.pathParam("id"), CloseReason.CLOSED_BY_CLIENT)) {
            throw ApiException.notFound("session " + ctx.pathParam("id"));
        }
        ctx.status(204);
    }

    /**
     * Ends the session: the microphone (WHIP) cannot be detached alone, its connection is closed
     * with the session, so hanging up either resource ends both.
     */
    private void hangUp(Context ctx) {
        delete(ctx);
        ctx.status(200);
    }

    private void whep(Context ctx) throws Exception {
        Session session = session(ctx);
        String answer = service.connect(session, sdpOf(ctx));
        ctx.status(201)
                .header("Location", "/v1/sessions/" + session.id() + "/whep")
                .contentType("application/sdp")
                .result(answer);
    }

    private void say(Context ctx) throws Exception {
        Session session = session(ctx);
        String text = textOf(ctx);
        session.conversation().say(text);
        ctx.status(202).json(Map.of("queued", true, "chars", text.length()));
    }

    /** Typed text from the user: a user turn the agent answers. */
    private void message(Context ctx) throws Exception {
        Session session = session(ctx);
        String text = textOf(ctx);
        session.conversation().onUserText(text);
        ctx.status(202).json(Map.of("queued", true, "chars", text.length()));
    }

    /** Tone bursts the avatar plays as a reply: with {@code syncMark}, a receiver times the mark against them. */
    private void syncProbe(Context ctx) throws Exception {
        Session session = session(ctx);
        JsonNode body = json.object(ctx, "count", "periodMs", "burstMs", "frequencyHz", "markDelayMs");
        ToneBursts bursts = SyncProbes.fromJson(body);
        JsonBodies.optionalInt(body, "markDelayMs").ifPresent(session::delaySyncMark);
        session.conversation().play(bursts.chunks(session.speechFormat()));
        ctx.status(202).json(Map.of("queued", true, "bursts", bursts.count(), "syncMark", session.syncMark().enabled()));
    }

    private void whip(Context ctx) throws Exception {
        Session session = session(ctx);
        String answer = service.listen(session, sdpOf(ctx));
        ctx.status(201)
                .header("Location", "/v1/sessions/" + session.id() + "/whip")
                .contentType("application/sdp")
                .result(answer);
    }

    private void transcript(Context ctx) {
        var conversation = session(ctx).conversation();
        ctx.json(Map.of("turns", conversation.transcript().turns().stream().map(SessionService::turnEvent)
                .map(event -> { event.remove("type"); return event; }).toList(), "state", conversation.state().wireName()));
    }

    private String textOf(Context ctx) throws Exception {
        String text = JsonBodies.requiredText(json.object(ctx, "text"), "text").strip();
        if (text.isEmpty()) {
            throw ApiException.badRequest("'text' is empty");
        }
        if (text.length() > MAX_SAY_CHARS) {
            throw ApiException.badRequest("'text' is " + text.length() + " characters; at most " + MAX_SAY_CHARS);
        }
        return text;
    }

    /** An SDP offer body: application/sdp, at most {@link #MAX_SDP_BYTES}. */
    private static String sdpOf(Context ctx) {
        if (!ContentTypes.is(ctx.contentType(), "application/sdp")) {
            throw new ApiException(415, "the offer must be sent as application/sdp");
        }
        return BoundedBody.text(ctx, MAX_SDP_BYTES);
    }

    /** Creates only when admission allows; refusals are counted. */
    private SessionService.Created admitted(java.util.function.Supplier<SessionService.Created> create) {
        try {
            admission.checkCanCreate();
            return create.get();
        } catch (ApiException | dev.facecast.session.SessionManager.CapacityException refused) {
            metrics.countRejected();
            throw refused;
        }
    }

    private Session session(Context ctx) {
        String id = ctx.pathParam("id");
        return service.find(id).orElseThrow(() -> ApiException.notFound("session " + id));
    }

    private Map<String, Object> view(Session session) {
        return SessionView.of(session, service.listens(), sampler.latest().session(session.id()));
    }
}
