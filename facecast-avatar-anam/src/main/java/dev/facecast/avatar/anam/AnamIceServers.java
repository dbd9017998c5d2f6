package dev.facecast.avatar.anam;

import com.fasterxml.jackson.databind.JsonNode;
import dev.facecast.webrtc.IceServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * The STUN and TURN servers Anam gives an engine session: {@code clientConfig.iceServers} of
 * {@code POST /v1/engine/session}, an array of W3C {@code RTCIceServer} dictionaries. The shape
 * follows Anam's public JS SDK ({@code @anam-ai/js-sdk}): its {@code ClientConfigResponse} declares
 * {@code iceServers: RTCIceServer[]}, and {@code AnamClient} hands them as they are to the
 * {@code StreamingClient}'s {@code new RTCPeerConnection({iceServers})}. So {@code urls} is one
 * string or an array of strings (the dictionary allows both, and both are seen in Anam's
 * answers), and {@code username} and {@code credential} are TURN's; other fields
 * ({@code credentialType}) are not needed.
 *
 * <p>Where a browser would refuse the whole peer connection over one bad url, a url libwebrtc
 * would refuse ({@link IceServer#refusal}) is left out here, said once in the log, and the rest
 * is used; with none left the hop gathers host candidates alone. Stateless.
 */
final class AnamIceServers {

    private static final Logger log = LoggerFactory.getLogger(AnamIceServers.class);

    private AnamIceServers() {
    }

    static List<IceServer> parse(JsonNode iceServers) {
        List<IceServer> servers = new ArrayList<>();
        if (!iceServers.isArray()) {
            return servers;
        }
        for (JsonNode entry : iceServers) {
            String username = text(entry.path("username"));
            String credential = text(entry.path("credential"));
            List<String> urls = new ArrayList<>();
            for (String url : urls(entry.path("urls"))) {
                String refusal = IceServer.refusal(url, username, credential);
                if (refusal == null) {
                    urls.add(url);
                } else {
                    log.warn("Anam's ICE server left out: {}", refusal);
                }
            }
            if (!urls.isEmpty()) {
                servers.add(new IceServer(urls, username, credential));
            }
        }
        return servers;
    }

    /** One string or an array of them; nothing else counts. */
    private static List<String> urls(JsonNode urls) {
        if (urls.isTextual()) {
            return List.of(urls.asText());
        }
        List<String> found = new ArrayList<>();
        for (JsonNode url : urls) {
            if (url.isTextual()) {
                found.add(url.asText());
            }
        }
        return found;
    }

    /** A string field, or empty (absent, null, or an OAuth credential object, which libwebrtc does not take). */
    private static String text(JsonNode field) {
        return field.isTextual() ? field.asText() : "";
    }
}
