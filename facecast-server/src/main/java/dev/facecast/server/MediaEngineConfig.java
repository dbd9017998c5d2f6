package dev.facecast.server;

import dev.facecast.engine.EngineSettings;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;

/**
 * Which engine sends sessions' media, and where the server engine's one UDP port is.
 *
 * @param kind     {@code server} (default) or {@code libwebrtc}
 * @param settings the server engine's port and candidates; unused by libwebrtc
 */
public record MediaEngineConfig(Kind kind, EngineSettings settings) {

    /** The two publisher engines; both stay selectable so they can be measured side by side. */
    public enum Kind {
        /**
         * Our own: ICE-lite on one UDP port for all sessions, DTLS-SRTP, our RTP, VP8 coding
         * only what changed, no threads per session.
         */
        SERVER,
        /** libwebrtc through webrtc-java: a browser's engine per session, its own encoder threads and port. */
        LIBWEBRTC;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** @throws IllegalArgumentException naming the values, for anything else */
        public static Kind parse(String name) {
            for (Kind kind : values()) {
                if (kind.wireName().equals(name.strip().toLowerCase(Locale.ROOT))) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("media engine must be server or libwebrtc, not '" + name + "'");
        }
    }

    /** The server engine on {@code host}'s address, a free UDP port, the given bitrate cap. */
    public static MediaEngineConfig serverOn(String host, int maxVideoBitrateBps) {
        return new MediaEngineConfig(Kind.SERVER, new EngineSettings(address(host), 0, List.of(), maxVideoBitrateBps,
                EngineSettings.loopback().peerQuietLimit()));
    }

    public MediaEngineConfig withKind(Kind newKind) {
        return new MediaEngineConfig(newKind, settings);
    }

    /** {@code HOST} or {@code HOST:PORT} (port 0 when absent: the bound one). */
    public static InetSocketAddress socketAddress(String hostAndPort) {
        int colon = hostAndPort.lastIndexOf(':');
        if (colon < 0 || hostAndPort.indexOf(':') != colon) {
            return new InetSocketAddress(address(hostAndPort), 0);
        }
        try {
            int port = Integer.parseInt(hostAndPort.substring(colon + 1));
            if (port < 1 || port > 65_535) {
                throw new NumberFormatException();
            }
            return new InetSocketAddress(address(hostAndPort.substring(0, colon)), port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("media address must be HOST or HOST:PORT with a port 1..65535, not '"
                    + hostAndPort + "'");
        }
    }

    /** A media engine like this one, answering with {@code candidates} instead. */
    public MediaEngineConfig withAdvertised(java.util.List<InetSocketAddress> candidates) {
        return new MediaEngineConfig(kind, new EngineSettings(settings.bindAddress(), settings.port(), candidates,
                settings.maxVideoBitrateBps(), settings.peerQuietLimit()));
    }

    public static InetAddress address(String host) {
        try {
            return InetAddress.getByName(host);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException("unknown host '" + host + "'", e);
        }
    }
}
