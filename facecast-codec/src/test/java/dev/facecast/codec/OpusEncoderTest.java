package dev.facecast.codec;

import dev.facecast.media.audio.ToneAnalysis;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Opus through libopus, round trips of a tone. Needs Debian's libopus0 (scripts/install-test-deps.sh): never skipped. */
@Tag("native")
@org.junit.jupiter.api.extension.ExtendWith(NoCodecLeft.class)
class OpusEncoderTest {

    private static final int BITRATE_BPS = 32_000;
    private static final int SECONDS = 2;

    @BeforeEach
    void requireLibopus() {
        assertThat(OpusEncoder.unavailabilityCause()).as("libopus0 must be installed: scripts/install-test-deps.sh").isNull();
    }


    @ParameterizedTest
    @ValueSource(ints = {16_000, 24_000, 48_000})
    void shouldRoundTripA1kHzToneClearly(int sampleRateHz) {
        OpusSettings settings = OpusSettings.voice(sampleRateHz, BITRATE_BPS);
        int frameSamples = settings.frameSamples();
        short[] tone = ToneAnalysis.sine(sampleRateHz, 1000, 8000, SECONDS * sampleRateHz);
        short[] decoded = new short[tone.length];
        byte[] packet = new byte[OpusEncoder.MAX_PACKET_BYTES];
        long totalBytes = 0;
        try (OpusEncoder encoder = new OpusEncoder(settings); OpusDecoder decoder = new OpusDecoder(sampleRateHz)) {
            for (int at = 0; at < tone.length; at += frameSamples) {
                int sizeBytes = encoder.encode(tone, at, packet, 0);
                totalBytes += sizeBytes;
                assertThat(decoder.decode(packet, 0, sizeBytes, decoded, at)).isEqualTo(frameSamples);
            }
        }
        // Skip the first 200 ms: the codec's delay and its start-up.
        double snrDb = ToneAnalysis.sineFitSnrDb(decoded, sampleRateHz / 5, decoded.length, sampleRateHz, 1000);
        long bitrateBps = totalBytes * 8 / SECONDS;
        System.out.printf("Opus %d Hz at %d bps asked: 1 kHz tone SNR %.1f dB, %d bps sent%n", sampleRateHz, BITRATE_BPS, snrDb, bitrateBps);
        // Opus is perceptual: SILK (16 kHz) keeps a pure tone near 40 dB, CELT (24, 48 kHz) near 19.
        assertThat(snrDb).isGreaterThan(15);
        assertThat(bitrateBps).isBetween(BITRATE_BPS / 2L, BITRATE_BPS * 3L / 2);
    }

    @Test
    void shouldWriteThePacketAfterTheCallersHeader() {
        OpusSettings settings = OpusSettings.voice(16_000, BITRATE_BPS);
        short[] tone = ToneAnalysis.sine(16_000, 1000, 8000, settings.frameSamples());
        byte[] withHeader = new byte[12 + OpusEncoder.MAX_PACKET_BYTES];
        byte[] alone = new byte[OpusEncoder.MAX_PACKET_BYTES];
        try (OpusEncoder first = new OpusEncoder(settings); OpusEncoder second = new OpusEncoder(settings)) {
            int sizeBytes = first.encode(tone, 0, withHeader, 12);
            assertThat(second.encode(tone, 0, alone, 0)).isEqualTo(sizeBytes);

            assertThat(Arrays.equals(withHeader, 12, 12 + sizeBytes, alone, 0, sizeBytes)).isTrue();
            assertThat(withHeader[11]).isZero();
        }
    }

    @Test
    void shouldReportItsLookaheadAsLibopusDefinesItForVoice() {
        // 2.5 ms plus the 4 ms delay compensation of OPUS_APPLICATION_VOIP, at the coded rate.
        try (OpusEncoder encoder = new OpusEncoder(OpusSettings.voice(16_000, BITRATE_BPS))) {
            assertThat(encoder.lookaheadSamples()).isEqualTo(16_000 * 65 / 10_000);
        }
    }

    @Test
    void shouldFreeItsNativeStateOnceAndRefuseWorkAfterClose() {
        long liveBefore = NativeCodec.liveCount();
        OpusEncoder encoder = new OpusEncoder(OpusSettings.voice(24_000, BITRATE_BPS));
        OpusDecoder decoder = new OpusDecoder(24_000);
        assertThat(NativeCodec.liveCount()).isEqualTo(liveBefore + 2);

        encoder.close();
        encoder.close();
        decoder.close();
        decoder.close();

        assertThat(NativeCodec.liveCount()).isEqualTo(liveBefore);
        assertThat(encoder.isClosed()).isTrue();
        assertThatThrownBy(() -> encoder.encode(new short[480], 0, new byte[100], 0)).hasMessageContaining("closed");
    }
}
