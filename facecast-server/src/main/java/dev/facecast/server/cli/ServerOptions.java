package dev.facecast.server.cli;

import dev.facecast.brain.OpenAiBrain;
import dev.facecast.server.ConversationConfig;
import dev.facecast.engine.EngineSettings;
import dev.facecast.server.Lifetimes;
import dev.facecast.server.MediaEngineConfig;
import dev.facecast.server.ServerConfig;
import dev.facecast.server.access.AccessPolicy;
import dev.facecast.server.access.ApiKeys;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The options {@code serve} and {@code demo} share. Defaults come from {@link ServerConfig#defaults()}. */
final class ServerOptions {

    private static final ServerConfig DEFAULTS = ServerConfig.defaults();

    @Option(names = "--host", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String host = DEFAULTS.host();

    @Option(names = "--port", description = "HTTP port, 0 for any free one (default: ${DEFAULT-VALUE}).")
    int port = DEFAULTS.port();

    @Option(names = "--media-threads", description = "Media threads (default: one per core, ${DEFAULT-VALUE}).")
    int mediaThreads = DEFAULTS.mediaThreads();

    @Option(names = "--max-sessions", description = "Sessions this process accepts (default: ${DEFAULT-VALUE}).")
    int maxSessions = DEFAULTS.maxSessions();

    @Option(names = "--audio-rate", description = "Sample rate in Hz of the audio sessions publish with the local "
            + "avatar; the TTS is asked for it (default: ${DEFAULT-VALUE}, the local TTS's own rate, so nothing is "
            + "resampled). A hosted avatar takes and gives its vendor's rates instead (Anam: 24 kHz in, 48 kHz out).")
    int audioRateHz = DEFAULTS.audioSampleRateHz();

    @Option(names = "--video-bitrate", description = "VP8 bitrate cap per session, bits/s (default: ${DEFAULT-VALUE}).")
    int videoBitrateBps = DEFAULTS.maxVideoBitrateBps();

    @Option(names = "--media-engine", description = "What sends sessions' media: server (ICE-lite, DTLS-SRTP and RTP "
            + "on one UDP port, VP8 coding only what changed) or libwebrtc (a browser engine per session) "
            + "(default: ${DEFAULT-VALUE}).")
    String mediaEngine = DEFAULTS.media().kind().wireName();

    @Option(names = "--media-port", description = "The server engine's one UDP port for every session; 0 for any free "
            + "one, which suits a single host; set one behind a firewall, NAT or Kubernetes (default: ${DEFAULT-VALUE}).")
    int mediaPort = DEFAULTS.media().settings().port();

    @Option(names = "--media-address", description = "HOST[:PORT] browsers reach the media port at, put in answers as a "
            + "host candidate (PORT where a NAT or hostPort maps it); repeatable (default: the --host address, or every "
            + "interface's when it is 0.0.0.0).")
    List<String> mediaAddresses = new ArrayList<>();

    @Option(names = "--tts-voices", description = "TTS voices speaking at once (default: ${DEFAULT-VALUE}).")
    int ttsVoices = DEFAULTS.ttsVoices();

    @Option(names = "--idle-fps", description = "Frame rate while an avatar is silent; 0 keeps the full rate "
            + "(default: ${DEFAULT-VALUE}).")
    int idleFps = DEFAULTS.idleFps();

    @Option(names = "--cpu-budget", description = "Share of the cores sessions may use, 0..1; admission stops at it "
            + "(default: ${DEFAULT-VALUE}).")
    double cpuBudget = DEFAULTS.cpuBudget();

    @Option(names = "--agent-name", description = "What the agent calls itself (default: ${DEFAULT-VALUE}).")
    String agentName = ConversationConfig.defaults().agentName();

    @Option(names = "--end-of-turn-ms", description = "Silence after speech that ends the user's turn, 100..5000 ms "
            + "(default: ${DEFAULT-VALUE}).")
    int endOfTurnMs = ConversationConfig.defaults().endOfTurnSilenceMs();

    @Option(names = "--vad-end-of-turn-ms", description = "Silence after speech that ends the user's turn sooner, by "
            + "voice activity, once words were heard; 0 leaves it to the recogniser (default: ${DEFAULT-VALUE}).")
    int vadEndOfTurnMs = ConversationConfig.DEFAULT_VAD_END_OF_TURN_MS;

    @Option(names = "--no-listen", description = "Load no speech recogniser: sessions take typed text only.")
    boolean noListen;

    @Option(names = "--llm-base-url", description = "An OpenAI-compatible API root for replies, such as "
            + "http://localhost:11434/v1 (Ollama); without it the local rules answer.")
    URI llmBaseUrl;

    @Option(names = "--llm-model", description = "The model the endpoint should use (default: ${DEFAULT-VALUE}).")
    String llmModel = "llama3.2";

    @Option(names = "--llm-api-key", description = "Bearer key for the endpoint (default: $FACECAST_LLM_API_KEY).")
    String llmApiKey = System.getenv("FACECAST_LLM_API_KEY");

    @Option(names = "--llm-timeout-ms", description = "How long a reply may take to start (default: ${DEFAULT-VALUE}).")
    int llmTimeoutMs = 10_000;

    @Option(names = "--tts", description = "Voice: auto (flite when libflite is installed, else FreeTTS), flite, "
            + "freetts or inworld (with --inworld-url) (default: ${DEFAULT-VALUE}).")
    String voice = ConversationConfig.defaults().voice();

    @Mixin
    VendorOptions vendors;

    @Option(names = "--api-key-file", description = "Control API keys, one per line (with $FACECAST_API_KEYS, comma-"
            + "separated). Without keys, auth is off, which only a loopback address allows.")
    Path apiKeyFile;

    @Option(names = "--allow-origin", description = "A web origin (https://app.example.com) whose pages may call the "
            + "API, besides the server's own; repeatable.")
    List<String> allowedOrigins = new ArrayList<>();

    @Option(names = "--allowed-host", description = "A host name clients use to reach this server (checked against "
            + "the Host header, with the loopback names); repeatable.")
    List<String> allowedHosts = new ArrayList<>();

    @Option(names = "--insecure-no-auth", description = "Listen on a non-loopback address without API keys (only "
            + "behind something else that authenticates).")
    boolean insecureNoAuth;

    @Option(names = "--connect-timeout-s", description = "Close a session no receiver joined within this (default: ${DEFAULT-VALUE}).")
    long connectTimeoutS = Lifetimes.DEFAULTS.connectTimeout().toSeconds();

    @Option(names = "--idle-timeout-s", description = "Close a session where nothing happened for this (default: ${DEFAULT-VALUE}).")
    long idleTimeoutS = Lifetimes.DEFAULTS.idleTimeout().toSeconds();

    @Option(names = "--max-session-s", description = "Close every session after this (default: ${DEFAULT-VALUE}).")
    long maxSessionS = Lifetimes.DEFAULTS.maxDuration().toSeconds();

    @Option(names = "--peer-gone-ms", description = "Close a session whose receiver went quiet after this more "
            + "(default: ${DEFAULT-VALUE}).")
    long peerGoneMs = Lifetimes.DEFAULTS.peerGoneAfter().toMillis();

    ConversationConfig toConversationConfig() {
        OpenAiBrain.Settings llm = llmBaseUrl == null ? null
                : new OpenAiBrain.Settings(llmBaseUrl, llmModel, llmApiKey, null, Duration.ofMillis(llmTimeoutMs));
        return new ConversationConfig(agentName, endOfTurnMs, vadEndOfTurnMs, !noListen, llm, voice,
                voice.equals("inworld") ? vendors.inworld() : null, vendors.hostedAvatar());
    }

    ServerConfig toConfig() {
        AccessPolicy access = new AccessPolicy(ApiKeys.load(apiKeyFile, System.getenv("FACECAST_API_KEYS")),
                Set.copyOf(allowedOrigins), Set.copyOf(allowedHosts), insecureNoAuth);
        Lifetimes lifetimes = new Lifetimes(Duration.ofSeconds(connectTimeoutS), Duration.ofSeconds(idleTimeoutS),
                Duration.ofSeconds(maxSessionS), Duration.ofMillis(peerGoneMs));
        return new ServerConfig(host, port, mediaThreads, maxSessions, audioRateHz, videoBitrateBps, ttsVoices, idleFps,
                cpuBudget, access, lifetimes, mediaEngineConfig());
    }

    private MediaEngineConfig mediaEngineConfig() {
        MediaEngineConfig defaults = MediaEngineConfig.serverOn(host, videoBitrateBps);
        EngineSettings settings = new EngineSettings(defaults.settings().bindAddress(), mediaPort,
                mediaAddresses.stream().map(MediaEngineConfig::socketAddress).toList(), videoBitrateBps,
                defaults.settings().peerQuietLimit());
        return new MediaEngineConfig(MediaEngineConfig.Kind.parse(mediaEngine), settings);
    }
}
