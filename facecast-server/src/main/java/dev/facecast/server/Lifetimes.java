package dev.facecast.server;

import java.time.Duration;

/**
 * How long a session may live unattended; each is a closure reason when it runs out.
 *
 * @param connectTimeout a session whose receiver never connected closes after this
 * @param idleTimeout    a session where nothing happened (no turn, no connection) closes after this
 * @param maxDuration    every session closes after this
 * @param peerGoneAfter  a session whose receiver went quiet closes after this more; libwebrtc
 *                       calls a connection disconnected after about 5 s without packets (measured), so
 *                       a vanished browser is noticed within the two together
 */
public record Lifetimes(Duration connectTimeout, Duration idleTimeout, Duration maxDuration, Duration peerGoneAfter) {

    public static final Lifetimes DEFAULTS = new Lifetimes(Duration.ofSeconds(30), Duration.ofMinutes(10),
            Duration.ofHours(2), Duration.ofSeconds(2));

    public Lifetimes {
        check("connect timeout", connectTimeout, Duration.ofSeconds(1), Duration.ofMinutes(10));
        check("idle timeout", idleTimeout, Duration.ofSeconds(5), Duration.ofDays(1));
        check("maximum duration", maxDuration, Duration.ofSeconds(10), Duration.ofDays(7));
        check("peer gone after", peerGoneAfter, Duration.ofMillis(500), Duration.ofMinutes(5));
    }

    private static void check(String name, Duration value, Duration min, Duration max) {
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new IllegalArgumentException(name + " must be " + min.toSeconds() + " s.." + max.toSeconds() + " s, not "
                    + value.toMillis() + " ms");
        }
    }
}
