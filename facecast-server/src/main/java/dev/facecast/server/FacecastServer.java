package dev.facecast.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.facecast.avatar.Avatar;
import dev.facecast.avatar.SpriteAvatar;
import dev.facecast.brain.Brain;
import dev.facecast.brain.OpenAiBrain;
import dev.facecast.brain.RuleBrain;
import dev.facecast.media.agent.MediaRunner;
import dev.facecast.media.agent.MediaThreads;
import dev.facecast.media.clock.NanoClock;
import dev.facecast.server.access.AccessGuard;
import dev.facecast.server.access.PeerRequests;
import dev.facecast.server.access.SessionTokens;
import dev.facecast.server.cluster.ClusterConfig;
import dev.facecast.server.cluster.ClusterGateway;
import dev.facecast.server.cluster.ClusterNode;
import dev.facecast.server.http.ErrorMapping;
import dev.facecast.server.http.HttpServerSettings;
import dev.facecast.server.http.JsonBodies;
import dev.facecast.server.http.RouteTable;
import dev.facecast.server.metrics.FacecastMetrics;
import dev.facecast.server.metrics.ResourceSampler;
import dev.facecast.session.Session;
import dev.facecast.session.SessionFactory;
import dev.facecast.session.MediaTotals;
import dev.facecast.session.SessionManager;
import dev.facecast.session.VideoSettings;
import dev.facecast.stt.vosk.VoskSpeechToText;
import dev.facecast.tts.SpeechSynthesizer;
import dev.facecast.tts.flite.FliteSynthesizer;
import dev.facecast.tts.freetts.FreeTtsSynthesizer;
import dev.facecast.webrtc.ReceiverRuntime;
import dev.facecast.webrtc.WebRtcRuntime;
import dev.facecast.engine.ServerEngine;
import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;

/**
 * A Facecast process: libwebrtc, the local TTS, the media threads, the sessions and the HTTP
 * API, started and stopped together.
 */
public final class FacecastServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FacecastServer.class);
    private static final Duration SAMPLE_INTERVAL = Duration.ofSeconds(5);

    private final ServerConfig config;
    private final PublisherEngine publishing;
    private final SpeechSynthesizer tts;
    private final Avatar avatar;
    private final ReceiverRuntime receivers;
    private final VoskSpeechToText stt;
    private final MediaRunner mediaRunner;
    private final SessionService service;
    private final FacecastMetrics metrics = new FacecastMetrics();
    private final ResourceSampler sampler;
    private final Admission admission;
    private final SessionReaper reaper;
    /** This process as a worker of a fleet; null when it is a fleet of one. */
    private final ClusterNode cluster;
    private final Javalin app;

    private FacecastServer(ServerConfig config, ConversationConfig conversation, ClusterConfig clusterConfig) {
        this.config = config;
        this.publishing = publishing(config);
        this.receivers = new ReceiverRuntime();
        this.tts = conversation.voice().equals("inworld")
                ? CloudVendors.inworld(conversation.inworld()) : chooseVoice(conversation.voice(), config.ttsVoices());
        this.stt = conversation.listen()
                ? new VoskSpeechToText(VoskSpeechToText.defaultCacheDir(), conversation.endOfTurnSilenceMs()) : null;
        Brain brain = conversation.llm() == null
                ? new RuleBrain(conversation.agentName(), Clock.systemDefaultZone()) : new OpenAiBrain(conversation.llm());
        this.mediaRunner = new MediaRunner(config.mediaThreads(), NanoClock.SYSTEM, metrics.schedulerObserver());
        this.avatar = conversation.hostedAvatar() == null ? new SpriteAvatar() : CloudVendors.anam(conversation.hostedAvatar(), receivers);
        SessionManager sessions = new SessionManager(new SessionFactory(tts, brain, stt, conversation.vadEndOfTurnMs(), avatar,
                mediaRunner, NanoClock.SYSTEM,
                config.publisherSettings().audioFormat(), new MediaTotals(), metrics.frameObserver()), config.maxSessions());
        SessionTokens tokens = new SessionTokens();
        this.service = new SessionService(sessions, publishing, receivers, stt != null, tokens,
                reason -> metrics.countClosed(reason.label()));
        this.reaper = new SessionReaper(config.lifetimes(), NanoClock.SYSTEM, sessions::sessions,
                (session, reason) -> service.delete(session.id(), reason));
        Capacity capacity = new Capacity(config.maxSessions(), config.cpuBudgetCores(), Capacity.DEFAULT_WARM_UP,
                NanoClock.SYSTEM, sessions.totals()::framesPushed, sessions.totals()::framesLate, service::count);
        this.sampler = new ResourceSampler(service::probes, service.encoderThreads(), SAMPLE_INTERVAL, capacity::learn);
        this.admission = new Admission(capacity);
        metrics.bind(service::count, admission.capacity()::estimate,
                () -> sessions.sessions().stream().mapToInt(session -> session.resamplersActive() + session.inputResamplersActive()).sum(),
                config.mediaThreads(), sessions.totals(), sampler);
        ObjectMapper mapper = new ObjectMapper();
        RouteTable routes = new RouteTable();
        LocalWorkerView local = new LocalWorkerView(service, admission);
        this.cluster = clusterConfig == null ? null
                : new ClusterNode(clusterConfig.withMediaAddress(mediaAddress()), advertisedUrl(config, clusterConfig), local);
        ClusterGateway gateway = cluster == null ? null : new ClusterGateway(cluster, local, metrics, mapper);
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
            HttpServerSettings.apply(javalin, routes);
        });
        ErrorMapping.install(app, routes);
        new AccessGuard(config.access(), tokens, config.host(), routes, gateway == null ? PeerRequests.NONE : gateway).install(app);
        if (gateway != null) {
            gateway.install(app); // after the guard: it checks Host and Origin before a request goes anywhere
            metrics.bindCluster(cluster::registryUp);
        }
        new SessionRoutes(service, config.idleFps(), new JsonBodies(mapper), admission, metrics, sampler).install(app);
        new RuntimeRoutes(service, admission, metrics, sampler, cluster).install(app);
    }

    /** A worker's peers call it at a fixed address: port 0 would be known only once listening. */
    private static String advertisedUrl(ServerConfig config, ClusterConfig cluster) {
        if (config.port() == 0 && cluster.advertiseUrl() == null) {
            throw new IllegalArgumentException("a worker of a fleet needs a fixed --port or an --advertise-url");
        }
        return cluster.advertiseUrlFor(config.host(), config.port());
    }

    /** Starts everything and listens; returns once the API answers. */
    public static FacecastServer start(ServerConfig config) {
        return start(config, ConversationConfig.defaults());
    }

    public static FacecastServer start(ServerConfig config, ConversationConfig conversation) {
        return start(config, conversation, null);
    }

    /** @param cluster the fleet to join (Redis), or null to be a fleet of one */
    public static FacecastServer start(ServerConfig config, ConversationConfig conversation, ClusterConfig cluster) {
        config.access().checkFor(config.host());
        FacecastServer server = new FacecastServer(config, conversation, cluster);
        server.sampler.start();
        server.reaper.start();
        MediaThreads.virtual("facecast-warmup").newThread(
                () -> SpriteAvatar.prepare(VideoSettings.DEFAULT.width(), VideoSettings.DEFAULT.height())).start();
        server.app.start(config.host(), config.port());
        log.info("Facecast listening on http://{}:{}/ ({} media threads, up to {} sessions, audio {} Hz, {} media engine)",
                config.host(), server.port(), config.mediaThreads(), config.maxSessions(), config.audioSampleRateHz(),
                config.media().kind().wireName());
        if (server.cluster != null) {
            server.cluster.start();
        }
        return server;
    }

    /** The engine sessions publish on: the server engine, or libwebrtc (started only when chosen). */
    private static PublisherEngine publishing(ServerConfig config) {
        return switch (config.media().kind()) {
            case SERVER -> new ServerEnginePublishing(ServerEngine.start(config.media().settings()));
            case LIBWEBRTC -> new LibwebrtcPublishing(WebRtcRuntime.start(), config.publisherSettings());
        };
    }

    /** Where browsers send media: the server engine's first candidate, host:port; null on libwebrtc (a port per session). */
    private String mediaAddress() {
        if (publishing instanceof ServerEnginePublishing server && !server.engine().candidates().isEmpty()) {
            java.net.InetSocketAddress first = server.engine().candidates().getFirst();
            return first.getAddress().getHostAddress() + ":" + first.getPort();
        }
        return null;
    }

    /** The server engine's UDP port, or -1 on libwebrtc. */
    public int mediaPort() {
        return publishing instanceof ServerEnginePublishing server ? server.engine().port() : -1;
    }

    /** flite when asked for or, with {@code auto}, when installed; else FreeTTS, saying why. */
    private static SpeechSynthesizer chooseVoice(String voice, int freeTtsVoices) {
        if (!voice.equals("freetts")) {
            Throwable missing = FliteSynthesizer.unavailabilityCause();
            if (missing == null) {
                log.info("voice: flite (cmu_us_slt, 16 kHz)");
                return new FliteSynthesizer();
            }
            if (voice.equals("flite")) {
                throw new IllegalStateException(missing.getMessage(), missing);
            }
            log.info("voice: FreeTTS, because {}", missing.getMessage());
        }
        return new FreeTtsSynthesizer(freeTtsVoices);
    }

    public int port() {
        return app.port();
    }

    public String baseUrl() {
        return "http://" + config.host() + ":" + port();
    }

    /**
     * Takes no new sessions and waits until the current ones end (or the timeout passes):
     * for rolling restarts, where readiness turns false first so no new traffic comes.
     */
    public void drain(Duration timeout) throws InterruptedException {
        admission.startDraining();
        if (cluster != null) {
            cluster.beat(); // out of placement now, not at the next beat
        }
        log.info("draining: {} sessions left, waiting up to {} s", service.count(), timeout.toSeconds());
        long deadlineNs = System.nanoTime() + timeout.toNanos();
        while (service.count() > 0 && System.nanoTime() < deadlineNs) {
            Thread.sleep(200);
        }
    }

    @Override
    public void close() {
        if (cluster != null) {
            cluster.close(); // the fleet forgets this worker and its sessions at once
        }
        reaper.close();
        sampler.close();
        app.stop();
        service.closeAll();
        try {
            mediaRunner.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        tts.close();
        avatar.close();
        if (stt != null) {
            stt.close();
        }
        receivers.close();
        publishing.close();
    }
}
