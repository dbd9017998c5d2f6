package dev.facecast.webrtc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Real offers that Debian's Chromium made, kept as test resources under {@code offers/}. */
final class Offers {

    private Offers() {
    }

    static String load(String name) {
        try (InputStream in = Offers.class.getResourceAsStream("/offers/" + name + ".sdp")) {
            if (in == null) {
                throw new IllegalArgumentException("no offer named " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
