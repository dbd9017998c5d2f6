package dev.facecast.engine.sdp;

import dev.facecast.media.sdp.SdpException;
import dev.facecast.media.sdp.SdpOffer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the server engine needs of a receiver's offer, read after {@link SdpOffer} vetted and
 * normalised it: per media section its mid, direction, payload types by codec and header
 * extension ids by URI; and the receiver's ICE credentials and DTLS fingerprint and role
 * (media level, or session level when a section has none).
 *
 * <p>Immutable.
 */
public record RemoteOffer(List<Section> sections, String iceUfrag, String icePassword, String fingerprint) {

    /** One m-line of the offer. */
    public record Section(String kind, int port, String protocol, String formats, String mid, String direction,
                          Map<String, Integer> payloadTypesByCodec, Map<String, Integer> extensionIdsByUri) {

        /** The payload type the offer gave {@code codec} (e.g. "vp8/90000", "opus/48000/2"), or -1. */
        public int payloadType(String codec) {
            return payloadTypesByCodec.getOrDefault(codec.toLowerCase(Locale.ROOT), -1);
        }

        public int extensionId(String uri) {
            return extensionIdsByUri.getOrDefault(uri, 0);
        }

        public boolean receives() {
            return direction.equals("sendrecv") || direction.equals("recvonly");
        }
    }

    /**
     * @throws SdpException saying what is missing, in words a client author can act on
     */
    public static RemoteOffer parse(String offerSdp) {
        SdpOffer vetted = SdpOffer.forPublisher(offerSdp);
        String[] lines = vetted.sdp().split("\r\n");
        Map<String, String> session = new LinkedHashMap<>();
        List<Map<String, String>> media = new ArrayList<>();
        List<Section> sections = new ArrayList<>();
        Builder current = null;
        for (String line : lines) {
            if (line.startsWith("m=")) {
                if (current != null) {
                    sections.add(current.build());
                    media.add(current.attributes);
                }
                current = new Builder(line);
            } else if (line.startsWith("a=")) {
                String attribute = line.substring(2);
                int colon = attribute.indexOf(':');
                String name = (colon < 0 ? attribute : attribute.substring(0, colon)).toLowerCase(Locale.ROOT);
                String value = colon < 0 ? "" : attribute.substring(colon + 1).strip();
                if (current == null) {
                    session.putIfAbsent(name, value);
                } else {
                    current.attribute(name, value);
                }
            }
        }
        if (current != null) {
            sections.add(current.build());
            media.add(current.attributes);
        }
        String ufrag = firstOf("ice-ufrag", session, media);
        String password = firstOf("ice-pwd", session, media);
        String fingerprint = firstOf("fingerprint", session, media);
        String setup = firstOf("setup", session, media);
        if (ufrag == null || password == null) {
            throw new SdpException("the offer has no ICE credentials (a=ice-ufrag and a=ice-pwd)");
        }
        if (ufrag.length() > 256 || password.length() > 256) {
            throw new SdpException("the offer's ICE credentials are longer than 256 characters");
        }
        if (fingerprint == null || !fingerprint.toLowerCase(Locale.ROOT).startsWith("sha-256 ")) {
            throw new SdpException("the offer has no sha-256 DTLS fingerprint (a=fingerprint:sha-256 ...)");
        }
        if ("passive".equalsIgnoreCase(setup)) {
            throw new SdpException("the offer's DTLS role is passive; offer a=setup:actpass (or active): this server is the DTLS server");
        }
        return new RemoteOffer(List.copyOf(sections), ufrag, password, fingerprint);
    }

    /** The first value of an attribute at session level, else in the first section that has it. */
    private static String firstOf(String name, Map<String, String> session, List<Map<String, String>> media) {
        if (session.containsKey(name)) {
            return session.get(name);
        }
        return media.stream().filter(attributes -> attributes.containsKey(name)).map(attributes -> attributes.get(name))
                .findFirst().orElse(null);
    }

    private static final class Builder {
        private final String kind;
        private final int port;
        private final String protocol;
        private final String formats;
        private final Map<String, String> attributes = new LinkedHashMap<>();
        private final Map<String, Integer> payloadTypes = new LinkedHashMap<>();
        private final Map<String, Integer> extensions = new LinkedHashMap<>();
        private String direction = "sendrecv";

        Builder(String mediaLine) {
            String[] parts = mediaLine.substring(2).split(" ", 4);
            this.kind = parts[0];
            this.port = Integer.parseInt(parts[1].split("/")[0]);
            this.protocol = parts.length > 2 ? parts[2] : "";
            this.formats = parts.length > 3 ? parts[3] : "";
        }

        void attribute(String name, String value) {
            switch (name) {
                case "sendrecv", "sendonly", "recvonly", "inactive" -> direction = name;
                case "rtpmap" -> {
                    String[] parts = value.split(" ", 2);
                    Integer payloadType = smallNumber(parts[0], 127);
                    if (payloadType != null && parts.length == 2) {
                        payloadTypes.putIfAbsent(parts[1].strip().toLowerCase(Locale.ROOT), payloadType);
                    }
                }
                case "extmap" -> {
                    String[] parts = value.split(" ");
                    Integer id = parts.length >= 2 ? smallNumber(parts[0].split("/")[0], 14) : null;
                    if (id != null && id >= 1) {
                        extensions.putIfAbsent(parts[1], id);
                    }
                }
                default -> attributes.putIfAbsent(name, value);
            }
        }

        Section build() {
            return new Section(kind, port, protocol, formats, attributes.getOrDefault("mid", null), direction,
                    Map.copyOf(payloadTypes), Map.copyOf(extensions));
        }

        private static Integer smallNumber(String text, int max) {
            if (text.isEmpty() || text.length() > 3 || !text.chars().allMatch(Character::isDigit)) {
                return null;
            }
            int value = Integer.parseInt(text);
            return value <= max ? value : null;
        }
    }
}
