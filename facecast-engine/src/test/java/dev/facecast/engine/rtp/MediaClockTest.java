package dev.facecast.engine.rtp;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The one clock both streams are stamped from. Every test passes its own monotonic times, so
 * nothing waits: only where the clock was made ({@code System.nanoTime()} at construction) is real.
 */
@Tag("unit")
class MediaClockTest {

    private static final long SECOND_NS = 1_000_000_000L;
    private static final long NTP_UNIX_OFFSET_S = 2_208_988_800L;
    private static final double NTP_UNITS_PER_SECOND = 0x1_0000_0000L;

    private final MediaClock clock = new MediaClock();
    private final long t0 = System.nanoTime();

    @ParameterizedTest
    @ValueSource(ints = {8_000, 16_000, 48_000, 90_000})
    void shouldAdvanceTheRtpTimestampByTheClockRatePerSecond(int clockRateHz) {
        long start = clock.rtpTimestamp(t0, clockRateHz, 0);

        assertThat(clock.rtpTimestamp(t0 + SECOND_NS, clockRateHz, 0) - start & 0xFFFF_FFFFL).isEqualTo(clockRateHz);
        assertThat(clock.rtpTimestamp(t0 + 20_000_000L, clockRateHz, 0) - start & 0xFFFF_FFFFL).isEqualTo(clockRateHz / 50);
    }

    @Test
    void shouldAdvanceTheRtpTimestampSteadilyPastWhereElapsedTimesRateWouldOverflow() {
        long nearOverflow = t0 + Long.MAX_VALUE / 90_000 - 500_000_000L;
        assertThat(clock.rtpTimestamp(nearOverflow + SECOND_NS, 90_000, 0) - clock.rtpTimestamp(nearOverflow, 90_000, 0)
                & 0xFFFF_FFFFL).isEqualTo(90_000);
    }

    @Test
    void shouldAddTheStreamsOffset() {
        long base = clock.rtpTimestamp(t0, 90_000, 0);

        assertThat(clock.rtpTimestamp(t0, 90_000, 12_345)).isEqualTo((base + 12_345) & 0xFFFF_FFFFL);
        assertThat(clock.rtpTimestamp(t0, 90_000, -1)).isEqualTo((base - 1) & 0xFFFF_FFFFL);
    }

    @Test
    void shouldWrapTheRtpTimestampAt2To32() {
        long base = clock.rtpTimestamp(t0, 90_000, 0);
        int offset = (int) (0xFFFF_FFF0L - base);
        assertThat(clock.rtpTimestamp(t0, 90_000, offset)).isEqualTo(0xFFFF_FFF0L);

        // 1 ms later: 90 ticks, past 2^32.
        assertThat(clock.rtpTimestamp(t0 + 1_000_000L, 90_000, offset)).isEqualTo(74);
    }

    @Test
    void shouldKeepTheRtpTimestampWithin32BitsForAnyOffsetAndTime() {
        java.util.Random random = new java.util.Random(3);
        for (int i = 0; i < 10_000; i++) {
            long nanoTime = t0 + random.nextLong(-3_600 * SECOND_NS, 100 * 3_600 * SECOND_NS);
            assertThat(clock.rtpTimestamp(nanoTime, 90_000, random.nextInt())).isBetween(0L, 0xFFFF_FFFFL);
        }
    }

    @Test
    void shouldGiveNtpSecondsOfTheWallClock() {
        long ntp = clock.ntpTimestamp(System.nanoTime());
        Instant now = Instant.now();

        double ntpSeconds = ntpSeconds(ntp);
        double wallSeconds = now.getEpochSecond() + NTP_UNIX_OFFSET_S + now.getNano() / 1e9;
        assertThat(ntpSeconds).isCloseTo(wallSeconds, within(1.0));
    }

    @Test
    void shouldAdvanceNtpWithMonotonicTime() {
        long start = clock.ntpTimestamp(t0);

        assertThat(clock.ntpTimestamp(t0 + 1_500_000_000L) - start).isCloseTo((long) (1.5 * NTP_UNITS_PER_SECOND), within(2L));
        assertThat(clock.ntpTimestamp(t0 + 1_000L) - start).isCloseTo(4_295L, within(2L));
    }

    @Test
    void shouldMapNtpAndRtpTheSameWayAt90And48Khz() {
        long later = t0 + 7_123_456_789L;
        double ntpElapsedS = (clock.ntpTimestamp(later) - clock.ntpTimestamp(t0)) / NTP_UNITS_PER_SECOND;

        double videoElapsedS = (clock.rtpTimestamp(later, 90_000, 5) - clock.rtpTimestamp(t0, 90_000, 5) & 0xFFFF_FFFFL) / 90_000.0;
        double audioElapsedS = (clock.rtpTimestamp(later, 48_000, 9) - clock.rtpTimestamp(t0, 48_000, 9) & 0xFFFF_FFFFL) / 48_000.0;

        assertThat(videoElapsedS).isCloseTo(ntpElapsedS, within(1.0 / 90_000));
        assertThat(audioElapsedS).isCloseTo(ntpElapsedS, within(1.0 / 48_000));
    }

    @Test
    void shouldPutAudioAndVideoOfOneInstantAtOneNtpTimeThroughTheirSenderReports() {
        // What a receiver's lip sync does: each stream's SR pairs (NTP, RTP) at its own moment;
        // a packet's capture time is its SR's NTP plus its RTP distance from the SR's RTP time.
        int videoOffset = 0x1234_5678;
        int audioOffset = 0x8765_4321;
        long videoReportNs = t0 + 3 * SECOND_NS;
        long audioReportNs = t0 + 3 * SECOND_NS + 137_000_000L;
        long instantNs = t0 + 2_400_000_000L;

        double videoNtpS = captureTimeS(videoReportNs, clock.rtpTimestamp(instantNs, 90_000, videoOffset), 90_000, videoOffset);
        double audioNtpS = captureTimeS(audioReportNs, clock.rtpTimestamp(instantNs, 48_000, audioOffset), 48_000, audioOffset);

        assertThat(videoNtpS - audioNtpS).isCloseTo(0.0, within(0.000_1));
        assertThat(videoNtpS).isCloseTo(ntpSeconds(clock.ntpTimestamp(instantNs)), within(0.000_1));
    }

    private double captureTimeS(long reportNs, long packetRtp, int clockRateHz, int offset) {
        long reportNtp = clock.ntpTimestamp(reportNs);
        long reportRtp = clock.rtpTimestamp(reportNs, clockRateHz, offset);
        int rtpDistance = (int) (packetRtp - reportRtp);
        return ntpSeconds(reportNtp) + rtpDistance / (double) clockRateHz;
    }

    /** NTP time is unsigned: its seconds passed 2^31 in 1968, so the long is negative and must not be divided as one. */
    private static double ntpSeconds(long ntp) {
        return (ntp >>> 32) + (ntp & 0xFFFF_FFFFL) / NTP_UNITS_PER_SECOND;
    }
}
