package dev.facecast.loadtest;

import dev.facecast.avatar.AvatarOptions.SyncMark;
import dev.facecast.media.audio.ToneAnalysis;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The receivers' sync meter on synthetic media: pictures with the mark painted as the avatar
 * paints it, and tone bursts played in 10 ms chunks, on one made-up clock.
 */
@Tag("unit")
class MarkSyncMeterTest {

    private static final long MS = 1_000_000;
    private static final int RATE_HZ = 48_000;
    private static final int CHUNK_FRAMES = RATE_HZ / 100;
    private static final int STRIDE = 176; // wider than the picture's 160, as decoders pad rows
    private static final int BACKGROUND_LUMA = 90;
    /** How much earlier than its block's first sample a burst may read: a 3 ms block's worth. */
    private static final double BLOCK_MS = 3;

    /**
     * A session {@code lateMs} out of sync at {@code fps}: the meter reads that skew for every burst,
     * wherever its onset falls between frames.
     */
    @ParameterizedTest(name = "{0} ms late at {1} fps")
    @CsvSource({"0, 15", "100, 15", "-40, 15", "100, 30", "30, 5"})
    void shouldReadTheSkewTheMarkWasDrawnWith(int lateMs, int fps) {
        MarkSyncMeter meter = new MarkSyncMeter();
        int bursts = 20;
        play(meter.sounds(), bursts, 12_500);
        show(meter.pictures(), fps, lateMs, bursts, 12_500);

        List<Double> skews = meter.skewsMs(0, 12_500 * MS);

        assertThat(skews).hasSize(bursts);
        // Each sound onset reads up to a block early: the skew up to a block late.
        assertThat(skews).allSatisfy(skew -> assertThat(skew).isBetween(lateMs - 1.0, lateMs + BLOCK_MS + 1));
    }

    @Test
    void shouldPlaceAnOnsetWithinItsFrameByTheLeadBesideTheMark() {
        long periodNs = 1_000_000_000L / 15;
        assertThat(onsetSeen(periodNs, 0)).isEqualTo(periodNs + periodNs / 2);
        // The frame's time is the middle of its time on screen; a 30 ms lead puts the onset 30 ms before it.
        assertThat(onsetSeen(periodNs, 30)).isEqualTo(periodNs + periodNs / 2 - 30 * MS);
    }

    @Test
    void shouldTimeASoundOnsetAtTheBlockWhereItStarts() {
        SoundOnsets sounds = new SoundOnsets();
        long playedNs = 5_000 * MS;
        short[] samples = new short[CHUNK_FRAMES];
        short[] tone = tone(CHUNK_FRAMES - 300);
        System.arraycopy(tone, 0, samples, 300, tone.length);

        sounds.played(pcm(samples), RATE_HZ, 1, CHUNK_FRAMES, playedNs);

        long startsNs = playedNs + 300 * 1_000_000_000L / RATE_HZ;
        assertThat(sounds.onsetsNs()).singleElement()
                .satisfies(onsetNs -> assertThat((startsNs - onsetNs) / 1e6).isBetween(0.0, BLOCK_MS));
    }

    @Test
    void shouldCountABurstOnceThroughItsDecayAndAgainAfterSilence() {
        SoundOnsets sounds = new SoundOnsets();
        // Loud, then a tail between the two thresholds, loud again: one onset. Then silence, then loud: a second.
        double[] levels = {0.35, 0.35, 0.06, 0.06, 0.35, 0, 0, 0.35};
        for (int i = 0; i < levels.length; i++) {
            short[] samples = ToneAnalysis.sine(RATE_HZ, 1_000, levels[i] * Math.sqrt(2) * 32_768, CHUNK_FRAMES);
            sounds.played(pcm(samples), RATE_HZ, 1, CHUNK_FRAMES, i * 10 * MS);
        }

        assertThat(sounds.onsetsNs()).hasSize(2).first().isEqualTo(0L);
        assertThat((70 * MS - sounds.onsetsNs().last()) / 1e6).isBetween(0.0, BLOCK_MS);
    }

    @Test
    void shouldTellHowFastTheDevicePlaysAudio() {
        SoundOnsets sounds = new SoundOnsets();
        short[] silence = new short[CHUNK_FRAMES];
        for (int i = 0; i <= 100; i++) {
            sounds.played(pcm(silence), RATE_HZ, 1, CHUNK_FRAMES, i * 10_200_000L); // 10 ms every 10.2 ms
        }

        assertThat(sounds.playoutPace()).isCloseTo(10 / 10.2, within(1e-9));
    }

    @Test
    void shouldHearTheFirstChannelOfInterleavedStereo() {
        SoundOnsets sounds = new SoundOnsets();
        short[] left = tone(CHUNK_FRAMES);
        short[] stereo = new short[2 * CHUNK_FRAMES];
        for (int i = 0; i < CHUNK_FRAMES; i++) {
            stereo[2 * i] = left[i];
        }

        sounds.played(pcm(stereo), RATE_HZ, 2, CHUNK_FRAMES, 0);

        assertThat(sounds.onsetsNs()).containsExactly(0L);
    }

    @Test
    void shouldPairOnlyOnsetsWithinTheWindowAndNearEnough() {
        MarkSyncMeter meter = new MarkSyncMeter();
        meter.sounds().onsetsNs().addAll(List.of(1_000 * MS, 2_000 * MS, 3_000 * MS, 4_000 * MS));
        // The first burst's picture 50 ms late; the second's too far to pair; the third's 20 ms early.
        meter.pictures().onsetsNs().addAll(List.of(1_050 * MS, 2_450 * MS, 2_980 * MS));

        assertThat(meter.skewsMs(0, 5_000 * MS)).containsExactly(50.0, -20.0);
        assertThat(meter.skewsMs(1_500 * MS, 3_500 * MS)).containsExactly(-20.0);
        assertThat(meter.soundOnsets(1_500 * MS, 3_500 * MS)).isEqualTo(2);
    }

    @Test
    void shouldSummariseEveryReceiversPairsAsThePageMeterDoes() {
        MarkSyncMeter first = new MarkSyncMeter();
        MarkSyncMeter second = new MarkSyncMeter();
        for (int i = 0; i < 10; i++) {
            first.sounds().onsetsNs().add(i * 1_000 * MS);
            first.pictures().onsetsNs().add(i * 1_000 * MS + i * MS); // 0..9 ms late
            second.sounds().onsetsNs().add(i * 1_000 * MS);
            second.pictures().onsetsNs().add(i * 1_000 * MS - (i + 10) * MS); // 10..19 ms early
        }

        SyncSkew skew = SyncSkew.over(List.of(first, second), 0, 10_000 * MS);

        assertThat(skew.pairs()).isEqualTo(20);
        assertThat(skew.soundOnsets()).isEqualTo(20);
        assertThat(skew.p50Ms()).isCloseTo(-10.0, within(1e-9)); // rank ceil(20 / 2) = 10: -10
        assertThat(skew.absP95Ms()).isCloseTo(18.0, within(1e-9)); // rank ceil(19): 18
        assertThat(SyncSkew.over(List.of(), 0, 1).p50Ms()).isNull();
    }

    /** Where the meter sees an onset whose frame is shown at one period with {@code leadMs} beside the mark. */
    private static long onsetSeen(long periodNs, int leadMs) {
        PictureOnsets pictures = new PictureOnsets();
        pictures.shown(lumaPlane(false, 0), STRIDE, 0);
        pictures.shown(lumaPlane(true, leadMs), STRIDE, periodNs);
        pictures.shown(lumaPlane(true, leadMs + 66), STRIDE, 2 * periodNs);
        return pictures.onsetsNs().first();
    }

    /** {@code bursts} of 200 ms, 610 ms apart from 100 ms on, played in 10 ms chunks until {@code untilMs}. */
    private static void play(SoundOnsets sounds, int bursts, int untilMs) {
        short[] tone = tone(200 * RATE_HZ / 1_000);
        for (int chunkMs = 0; chunkMs < untilMs; chunkMs += 10) {
            short[] samples = new short[CHUNK_FRAMES];
            for (int i = 0; i < CHUNK_FRAMES; i++) {
                long sinceOnset = burstPosition(chunkMs * (long) RATE_HZ / 1_000 + i, bursts, (long) RATE_HZ * 610 / 1_000,
                        RATE_HZ / 10);
                samples[i] = sinceOnset >= 0 && sinceOnset < tone.length ? tone[(int) sinceOnset] : 0;
            }
            sounds.played(pcm(samples), RATE_HZ, 1, CHUNK_FRAMES, chunkMs * MS);
        }
    }

    /**
     * Frames shown every interval at {@code fps}, each standing for the middle of its time on
     * screen (as the server stamps them), with the mark as the avatar paints it for sound
     * {@code lateMs} earlier, and its lead in whole ms.
     */
    private static void show(PictureOnsets pictures, int fps, int lateMs, int bursts, int untilMs) {
        long periodNs = 1_000_000_000L / fps;
        for (long shownNs = 0; shownNs < untilMs * MS; shownNs += periodNs) {
            long frameNs = shownNs + periodNs / 2;
            long sinceOnsetNs = burstPosition(frameNs - lateMs * MS, bursts, 610 * MS, 100 * MS);
            boolean on = sinceOnsetNs >= 0 && sinceOnsetNs < 200 * MS;
            pictures.shown(lumaPlane(on, on ? (int) (sinceOnsetNs / MS) : 0), STRIDE, shownNs);
        }
    }

    /** How far {@code at} is past the latest of {@code bursts} onsets {@code period} apart from {@code first}; -1 before the first. */
    private static long burstPosition(long at, int bursts, long period, long first) {
        if (at < first) {
            return -1;
        }
        long burst = Math.min((at - first) / period, bursts - 1);
        return at - first - burst * period;
    }

    /** A 160x48 picture's luma: the mark on or off, its lead beside it, the edges of both blurred into the background. */
    private static ByteBuffer lumaPlane(boolean on, int leadMs) {
        byte[] plane = new byte[STRIDE * 48];
        Arrays.fill(plane, (byte) BACKGROUND_LUMA);
        fillSquare(plane, 0, on ? SyncMark.ON_LUMA : SyncMark.OFF_LUMA);
        fillSquare(plane, SyncMark.SIZE_PX, SyncMark.OFF_LUMA + leadMs);
        return ByteBuffer.allocateDirect(plane.length).put(plane).flip();
    }

    /** The square with a 2-pixel border halfway to the background, as a decoder might return its edges. */
    private static void fillSquare(byte[] plane, int leftPx, int luma) {
        for (int row = 0; row < SyncMark.SIZE_PX; row++) {
            for (int col = 0; col < SyncMark.SIZE_PX; col++) {
                boolean edge = Math.min(Math.min(row, col), SyncMark.SIZE_PX - 1 - Math.max(row, col)) < 2;
                plane[row * STRIDE + leftPx + col] = (byte) (edge ? (luma + BACKGROUND_LUMA) / 2 : luma);
            }
        }
    }

    /** A 1 kHz tone at -6 dBFS, as the sync probe plays it. */
    private static short[] tone(int frames) {
        return ToneAnalysis.sine(RATE_HZ, 1_000, 16_384, frames);
    }

    private static byte[] pcm(short[] samples) {
        ByteBuffer bytes = ByteBuffer.allocate(2 * samples.length).order(ByteOrder.LITTLE_ENDIAN);
        for (short sample : samples) {
            bytes.putShort(sample);
        }
        return bytes.array();
    }
}
