package dev.facecast.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.facecast.avatar.SpriteSheet;
import dev.facecast.media.agent.MediaAgent;
import dev.facecast.media.agent.MediaRunner;
import dev.facecast.media.agent.SchedulerObserver;
import dev.facecast.media.agent.MediaThreads;
import dev.facecast.session.VideoSettings;
import dev.facecast.media.clock.NanoClock;
import dev.facecast.server.http.ErrorMapping;
import dev.facecast.server.http.JsonBodies;
import dev.facecast.session.SessionManager;
import dev.facecast.tts.freetts.FreeTtsSynthesizer;
import dev.facecast.webrtc.WebRtcRuntime;
import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Facecast process: libwebrtc, the local TTS, the media threads, the sessions and the HTTP
 * API, started and stopped together.
 */
public final class FacecastServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FacecastServer.class);

    private final ServerConfig config;
    private final WebRtcRuntime webrtc;
    private final FreeTtsSynthesizer tts;
    private final MediaRunner mediaRunner;
    private final SessionService service;
    private final Javalin app;

    private FacecastServer(ServerConfig config) {
        this.config = config;
        this.webrtc = WebRtcRuntime.start();
        this.tts = new FreeTtsSynthesizer(config.ttsVoices());
        this.mediaRunner = new MediaRunner(config.mediaThreads(), NanoClock.SYSTEM, new SchedulerObserver() {
            @Override
            public void onLag(long lagNs) {
            }

            @Override
            public void onAgentFailed(MediaAgent agent, Throwable failure) {
                log.error("media agent {} failed and was removed", agent.roleName(), failure);
            }
        });
        SessionManager sessions = new SessionManager(tts, mediaRunner,
                config.publisherSettings().audioFormat(), config.maxSessions());
        this.service = new SessionService(sessions, webrtc, config.publisherSettings());
        ObjectMapper mapper = new ObjectMapper();
        this.app = Javalin.create(javalin -> {
            javalin.useVirtualThreads = true;
            javalin.showJavalinBanner = false;
            javalin.http.maxRequestSize = 1024 * 1024;
            javalin.jsonMapper(new JavalinJackson(mapper, true));
            javalin.staticFiles.add(files -> {
                files.hostedPath = "/";
                files.directory = "/static";
                files.location = Location.CLASSPATH;
            });
        });
        ErrorMapping.install(app);
        new SessionRoutes(service, new JsonBodies(mapper)).install(app);
        new RuntimeRoutes(service).install(app);
    }

    /** Starts everything and listens; returns once the API answers. */
    public static FacecastServer start(ServerConfig config) {
        FacecastServer server = new FacecastServer(config);
        MediaThreads.virtual("facecast-warmup").newThread(
                () -> SpriteSheet.forSize(VideoSettings.DEFAULT.width(), VideoSettings.DEFAULT.height())).start();
        server.app.start(config.host(), config.port());
        log.info("Facecast listening on http://{}:{}/ ({} media threads, up to {} sessions, audio {} Hz)",
                config.host(), server.port(), config.mediaThreads(), config.maxSessions(), config.audioSampleRateHz());
        return server;
    }

    public int port() {
        return app.port();
    }

    public String baseUrl() {
        return "http://" + config.host() + ":" + port();
    }

    @Override
    public void close() {
        app.stop();
        service.closeAll();
        try {
            mediaRunner.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        tts.close();
        webrtc.close();
    }
}
