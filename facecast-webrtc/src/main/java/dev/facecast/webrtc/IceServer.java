package dev.facecast.webrtc;

import dev.onvoid.webrtc.RTCIceServer;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A STUN or TURN server a peer may gather candidates through, as the W3C {@code RTCIceServer}
 * dictionary has it. Only what libwebrtc takes can be made: when libwebrtc refuses a
 * configuration, webrtc-java 0.14.0 crashes the process in {@code createPeerConnection} rather
 * than throwing, so a vendor's bad url must be caught here. Immutable.
 *
 * @param urls       {@code stun:host:port}, {@code turn:host:port?transport=udp}, ...; at least one
 * @param username   TURN's user name; empty for none
 * @param credential TURN's password; empty for none
 */
public record IceServer(List<String> urls, String username, String credential) {

    /**
     * RFC 7064 and 7065 as libwebrtc parses them ({@code pc/ice_server_parsing.cc}): a scheme, a
     * host (a bracketed IPv6 literal or RFC 3986 reg-name characters, so no {@code user@}), an
     * optional port, and for TURN alone an optional {@code ?transport=udp|tcp}.
     */
    private static final Pattern URL = Pattern.compile(
            "(stuns?|turns?):(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9\\-._~%!$&'()*+,;=]+)(?::(\\d{1,5}))?(\\?transport=(?:udp|tcp))?");
    private static final int MAX_PORT = 65_535;

    /** @throws IllegalArgumentException when there is no url, or libwebrtc would refuse one ({@link #refusal}) */
    public IceServer {
        urls = List.copyOf(urls);
        username = username == null ? "" : username;
        credential = credential == null ? "" : credential;
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("an ICE server needs at least one url");
        }
        for (String url : urls) {
            String refusal = refusal(url, username, credential);
            if (refusal != null) {
                throw new IllegalArgumentException(refusal);
            }
        }
    }

    /** Why libwebrtc would refuse {@code url} with these credentials, or null when it takes it. */
    public static String refusal(String url, String username, String credential) {
        Matcher parts = URL.matcher(url == null ? "" : url);
        if (!parts.matches()) {
            return "not a stun:, stuns:, turn: or turns: url libwebrtc parses: " + url;
        }
        boolean turn = parts.group(1).startsWith("turn");
        if (parts.group(3) != null && (Integer.parseInt(parts.group(3)) == 0 || Integer.parseInt(parts.group(3)) > MAX_PORT)) {
            return "port out of range: " + url;
        }
        if (!turn && parts.group(4) != null) {
            return "a STUN url takes no ?transport: " + url;
        }
        if (turn && (username == null || username.isEmpty() || credential == null || credential.isEmpty())) {
            return "a TURN url needs a username and a credential: " + url;
        }
        return null;
    }

    /** webrtc-java's form, in which the W3C {@code credential} is the {@code password}. */
    RTCIceServer toRtc() {
        RTCIceServer server = new RTCIceServer();
        server.urls.addAll(urls);
        server.username = username;
        server.password = credential;
        return server;
    }

    /** As libwebrtc reports a configuration back: an empty string comes back as null. */
    static IceServer of(RTCIceServer server) {
        return new IceServer(server.urls, server.username, server.password);
    }
}
