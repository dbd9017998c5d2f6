package dev.facecast.engine.rtp;

import java.util.concurrent.ThreadLocalRandom;

/**
 * One clock for both of a session's streams: the JVM's monotonic clock (the one the session's
 * media thread paces audio and frames by) mapped to each stream's RTP clock, and to wall-clock
 * NTP time for sender reports. Because audio and video timestamps, and the NTP times their
 * sender reports pair them with, all come from this one mapping, a receiver's lip sync finds
 * both streams already aligned and has nothing to correct (RFC 3550 section 6.4.1).
 *
 * <p>Immutable; safe on any thread.
 */
public final class MediaClock {

    /** Seconds from the NTP epoch (1900) to the Unix epoch (1970). */
    private static final long NTP_UNIX_OFFSET_S = 2_208_988_800L;

    private final long epochNs;
    private final long epochWallNs;

    public MediaClock() {
        this.epochNs = System.nanoTime();
        java.time.Instant wall = java.time.Instant.now();
        this.epochWallNs = wall.getEpochSecond() * 1_000_000_000L + wall.getNano();
    }

    /** A random starting offset for a stream's RTP timestamps (RFC 3550 section 5.1). */
    public static int randomRtpOffset() {
        return ThreadLocalRandom.current().nextInt();
    }

    /** The RTP timestamp, at {@code clockRateHz} from {@code offset}, of monotonic time {@code nanoTime}. */
    public long rtpTimestamp(long nanoTime, int clockRateHz, int offset) {
        long elapsedNs = nanoTime - epochNs;
        // Whole seconds and the rest apart: elapsed ns x rate would overflow a long after 28 h at 90 kHz.
        long ticks = Math.floorDiv(elapsedNs, 1_000_000_000L) * clockRateHz
                + Math.floorMod(elapsedNs, 1_000_000_000L) * clockRateHz / 1_000_000_000L;
        return (offset + ticks) & 0xFFFF_FFFFL;
    }

    /**
     * The 64-bit NTP time (RFC 5905: 32 bits of seconds, 32 of fraction) of monotonic time
     * {@code nanoTime}, on the wall clock as it was when this clock started, so NTP and RTP
     * advance together even if the system clock is stepped.
     */
    public long ntpTimestamp(long nanoTime) {
        long wallNs = epochWallNs + (nanoTime - epochNs);
        long seconds = Math.floorDiv(wallNs, 1_000_000_000L) + NTP_UNIX_OFFSET_S;
        long fractionNs = Math.floorMod(wallNs, 1_000_000_000L);
        return (seconds << 32) | ((fractionNs << 32) / 1_000_000_000L);
    }
}
