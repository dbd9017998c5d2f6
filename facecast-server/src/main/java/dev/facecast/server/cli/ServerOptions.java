package dev.facecast.server.cli;

import dev.facecast.server.ServerConfig;
import picocli.CommandLine.Option;

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

    @Option(names = "--audio-rate", description = "Sample rate in Hz of the audio sessions publish; the TTS is asked "
            + "for it (default: ${DEFAULT-VALUE}, the local TTS's own rate, so nothing is resampled).")
    int audioRateHz = DEFAULTS.audioSampleRateHz();

    @Option(names = "--video-bitrate", description = "VP8 bitrate cap per session, bits/s (default: ${DEFAULT-VALUE}).")
    int videoBitrateBps = DEFAULTS.maxVideoBitrateBps();

    @Option(names = "--tts-voices", description = "TTS voices speaking at once (default: ${DEFAULT-VALUE}).")
    int ttsVoices = DEFAULTS.ttsVoices();

    @Option(names = "--idle-fps", description = "Frame rate while an avatar is silent; 0 keeps the full rate "
            + "(default: ${DEFAULT-VALUE}).")
    int idleFps = DEFAULTS.idleFps();

    @Option(names = "--cpu-budget", description = "Share of the cores sessions may use, 0..1; admission stops at it "
            + "(default: ${DEFAULT-VALUE}).")
    double cpuBudget = DEFAULTS.cpuBudget();

    ServerConfig toConfig() {
        return new ServerConfig(host, port, mediaThreads, maxSessions, audioRateHz, videoBitrateBps, ttsVoices, idleFps,
                cpuBudget);
    }
}
