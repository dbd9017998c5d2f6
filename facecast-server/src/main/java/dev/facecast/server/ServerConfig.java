package dev.facecast.server;

import dev.facecast.media.audio.AudioFormat;
import dev.facecast.server.access.AccessPolicy;
import dev.facecast.webrtc.PublisherSettings;

import java.time.Duration;

/**
 * Everything a Facecast process is started with.
 *
 * @param host              address the HTTP API listens on
 * @param port              HTTP port (0 picks a free one)
 * @param mediaThreads      media threads running session agents (default: one per core)
 * @param maxSessions       sessions beyond this are refused
 * @param audioSampleRateHz the sessions' own rate: with the local avatar, the TTS is asked for
 *                          exactly this and it is published, so the default (the local TTS's
 *                          16 kHz) needs no resampler in Java; a hosted avatar takes and gives
 *                          its vendor's rates instead (Anam: 24 kHz in, 48 kHz published)
 * @param maxVideoBitrateBps VP8 bitrate cap per session
 * @param ttsVoices         FreeTTS voices that may synthesize at once
 * @param idleFps           sessions' frame rate while silent (0: always the full rate)
 * @param cpuBudget         share of the machine's cores that sessions may use, 0..1: admission
 *                          stops when the measured CPU per session says the next would exceed it
 * @param access            who may call the API
 * @param lifetimes         how long sessions may live unattended
 * @param media             which engine sends media, and the server engine's UDP port
 */
public record ServerConfig(String host, int port, int mediaThreads, int maxSessions, int audioSampleRateHz,
                           int maxVideoBitrateBps, int ttsVoices, int idleFps, double cpuBudget, AccessPolicy access,
                           Lifetimes lifetimes, MediaEngineConfig media) {

    public static ServerConfig defaults() {
        return new ServerConfig("127.0.0.1", 8080, Runtime.getRuntime().availableProcessors(), 32, 16_000, 1_000_000, 2,
                5, 0.8, AccessPolicy.LOCAL, Lifetimes.DEFAULTS, MediaEngineConfig.serverOn("127.0.0.1", 1_000_000));
    }

    public ServerConfig {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535, not " + port);
        }
        if (mediaThreads < 1 || mediaThreads > 256) {
            throw new IllegalArgumentException("media threads must be 1..256, not " + mediaThreads);
        }
        if (maxSessions < 1) {
            throw new IllegalArgumentException("max sessions must be at least 1");
        }
        if (ttsVoices < 1 || ttsVoices > 64) {
            throw new IllegalArgumentException("TTS voices must be 1..64, not " + ttsVoices);
        }
        if (idleFps < 0 || idleFps > 60) {
            throw new IllegalArgumentException("idle fps must be 0 (off) to 60, not " + idleFps);
        }
        if (!(cpuBudget > 0 && cpuBudget <= 1)) {
            throw new IllegalArgumentException("CPU budget must be in (0, 1], not " + cpuBudget);
        }
        AudioFormat.mono(audioSampleRateHz);
    }

    public ServerConfig withPort(int newPort) {
        return new ServerConfig(host, newPort, mediaThreads, maxSessions, audioSampleRateHz, maxVideoBitrateBps, ttsVoices,
                idleFps, cpuBudget, access, lifetimes, media);
    }

    public ServerConfig withMaxSessions(int newMaxSessions) {
        return new ServerConfig(host, port, mediaThreads, newMaxSessions, audioSampleRateHz, maxVideoBitrateBps, ttsVoices,
                idleFps, cpuBudget, access, lifetimes, media);
    }

    public ServerConfig withAccess(AccessPolicy newAccess) {
        return new ServerConfig(host, port, mediaThreads, maxSessions, audioSampleRateHz, maxVideoBitrateBps, ttsVoices,
                idleFps, cpuBudget, newAccess, lifetimes, media);
    }

    public ServerConfig withLifetimes(Lifetimes newLifetimes) {
        return new ServerConfig(host, port, mediaThreads, maxSessions, audioSampleRateHz, maxVideoBitrateBps, ttsVoices,
                idleFps, cpuBudget, access, newLifetimes, media);
    }

    public ServerConfig withMediaEngine(MediaEngineConfig.Kind kind) {
        return withMedia(media.withKind(kind));
    }

    public ServerConfig withMedia(MediaEngineConfig newMedia) {
        return new ServerConfig(host, port, mediaThreads, maxSessions, audioSampleRateHz, maxVideoBitrateBps, ttsVoices,
                idleFps, cpuBudget, access, lifetimes, newMedia);
    }

    /** Cores sessions may use: the budget share of the cores this JVM sees. */
    double cpuBudgetCores() {
        return cpuBudget * Runtime.getRuntime().availableProcessors();
    }

    PublisherSettings publisherSettings() {
        return new PublisherSettings(AudioFormat.mono(audioSampleRateHz), maxVideoBitrateBps, Duration.ofSeconds(5));
    }
}
