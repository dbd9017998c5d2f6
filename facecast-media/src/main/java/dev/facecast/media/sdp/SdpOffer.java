package dev.facecast.media.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Vets and normalises a remote offer before either media engine sees it: no input reaches
 * native code unvetted. It checks the line grammar (RFC 8866 section 5: {@code <type>=<value>}, printable
 * text only), counts and classifies the media sections, and drops what we do not handle so
 * libwebrtc never has to decide:
 * <ul>
 *   <li>a rejected section (port 0, RFC 8866 section 5.14) stays in place, untouched, since an
 *       answer must keep every m-line in order (RFC 3264 section 6); but it never counts as the
 *       section we need;</li>
 *   <li>simulcast ({@code a=simulcast}, {@code a=rid}, RFC 8853 / 8851) is removed: we send one
 *       encoding, and libwebrtc failed on receive-simulcast lines with an internal error;</li>
 *   <li>a needed section with the wrong direction (a receiver that will not receive) is refused.</li>
 * </ul>
 * Immutable; safe on any thread.
 */
public final class SdpOffer {

    /** Offers are small; a real one is 3-10 KiB. */
    public static final int MAX_SDP_CHARS = 64 * 1024;
    /** Audio, video and a data channel, plus one spare section left inactive. */
    public static final int MAX_MEDIA_SECTIONS = 4;

    private static final Pattern LINE = Pattern.compile("[a-z]=[\\x20-\\x7E\\x80-\\x{10FFFF}]*");
    private static final Pattern MEDIA = Pattern.compile("m=(audio|video|application|text|message) (\\d{1,5})(?:/\\d+)? \\S+( .*)?");

    /** What one media section of the offer is. */
    public record Section(String kind, int port, String direction) {
        public boolean rejected() {
            return port == 0;
        }

        /** True when the offerer wants to receive on it (it is our send side). */
        public boolean receives() {
            return direction.equals("sendrecv") || direction.equals("recvonly");
        }

        /** True when the offerer wants to send on it (it is our receive side). */
        public boolean sends() {
            return direction.equals("sendrecv") || direction.equals("sendonly");
        }
    }

    private final String sdp;
    private final List<Section> sections;

    private SdpOffer(String sdp, List<Section> sections) {
        this.sdp = sdp;
        this.sections = List.copyOf(sections);
    }

    /** The normalised offer: CRLF line ends, simulcast removed. */
    public String sdp() {
        return sdp;
    }

    public List<Section> sections() {
        return sections;
    }

    /**
     * An offer for the publisher (WHEP): one live video section the receiver receives on.
     *
     * @throws SdpException saying what is wrong, in words a client author can act on
     */
    public static SdpOffer forPublisher(String offer) {
        SdpOffer parsed = parse(offer);
        parsed.require("video", Section::receives,
                "the offer has no video section to receive on; offer to receive video (recvonly) and audio");
        return parsed;
    }

    /** An offer for the subscriber (WHIP): one live audio section the browser sends on. */
    public static SdpOffer forSubscriber(String offer) {
        SdpOffer parsed = parse(offer);
        parsed.require("audio", Section::sends,
                "the offer sends no audio; offer to send the microphone (sendonly)");
        return parsed;
    }

    private void require(String kind, java.util.function.Predicate<Section> direction, String missing) {
        boolean live = false;
        for (Section section : sections) {
            if (section.kind().equals(kind) && !section.rejected()) {
                live = true;
                if (direction.test(section)) {
                    return;
                }
            }
        }
        if (!live && sections.stream().anyMatch(s -> s.kind().equals(kind))) {
            throw new SdpException("the offer's " + kind + " section is rejected (port 0); " + missing);
        }
        throw new SdpException(missing);
    }

    public static SdpOffer parse(String offer) {
        if (offer == null || offer.isBlank()) {
            throw new SdpException("the offer is empty");
        }
        if (offer.length() > MAX_SDP_CHARS) {
            throw new SdpException("the offer is " + offer.length() + " characters; at most " + MAX_SDP_CHARS);
        }
        String[] lines = offer.split("\r?\n", -1);
        if (!lines[0].equals("v=0")) {
            throw new SdpException("the offer is not SDP: it must start with v=0");
        }
        StringBuilder normalised = new StringBuilder(offer.length() + lines.length);
        List<Section> sections = new ArrayList<>();
        String sessionDirection = "sendrecv";
        String kind = null;
        int port = 0;
        String direction = null;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty() && i == lines.length - 1) {
                break;
            }
            if (!LINE.matcher(line).matches()) {
                throw new SdpException("line " + (i + 1) + " of the offer is not an SDP line (<letter>=<value>)");
            }
            if (line.startsWith("m=")) {
                if (kind != null) {
                    sections.add(new Section(kind, port, direction == null ? sessionDirection : direction));
                }
                var media = MEDIA.matcher(line);
                if (!media.matches()) {
                    throw new SdpException("line " + (i + 1) + " of the offer is not a media line we understand");
                }
                if (sections.size() + 1 > MAX_MEDIA_SECTIONS) {
                    throw new SdpException("the offer has more than " + MAX_MEDIA_SECTIONS + " media sections");
                }
                kind = media.group(1);
                port = Integer.parseInt(media.group(2));
                if (port > 65_535) {
                    throw new SdpException("line " + (i + 1) + " of the offer has port " + port);
                }
                direction = null;
            } else if (isDirection(line)) {
                String value = line.substring(2).toLowerCase(Locale.ROOT);
                if (kind == null) {
                    sessionDirection = value;
                } else {
                    direction = value;
                }
            } else if (isSimulcast(line)) {
                continue;
            }
            normalised.append(line).append("\r\n");
        }
        if (kind == null) {
            throw new SdpException("the offer has no media sections");
        }
        sections.add(new Section(kind, port, direction == null ? sessionDirection : direction));
        return new SdpOffer(normalised.toString(), sections);
    }

    /**
     * A simulcast or RID line as libwebrtc recognises one: the attribute name followed by the
     * end of the line, a colon or a space (webrtc_sdp.cc, {@code HasAttribute}). Matching only
     * {@code "a=simulcast:"} let a bare {@code a=simulcast} through to libwebrtc (found by
     * fuzzing).
     */
    private static boolean isSimulcast(String line) {
        return hasAttribute(line, "simulcast") || hasAttribute(line, "rid");
    }

    private static boolean hasAttribute(String line, String name) {
        int end = 2 + name.length();
        return line.startsWith("a=") && line.startsWith(name, 2)
                && (line.length() == end || line.charAt(end) == ':' || line.charAt(end) == ' ');
    }

    private static boolean isDirection(String line) {
        return switch (line.toLowerCase(Locale.ROOT)) {
            case "a=sendrecv", "a=sendonly", "a=recvonly", "a=inactive" -> true;
            default -> false;
        };
    }
}
