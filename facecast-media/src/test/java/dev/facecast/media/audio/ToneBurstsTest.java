package dev.facecast.media.audio;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("unit")
class ToneBurstsTest {

    @Test
    void shouldStartBurstsExactlyAPeriodApartWhenThePeriodIsNotWholeTensOfMs() {
        AudioFormat format = AudioFormat.mono(8_000);
        List<PcmChunk> chunks = new ToneBursts(10, 356, 100, 100).chunks(format);

        assertThat(chunks.stream().mapToInt(PcmChunk::frames).sum()).isEqualTo(10 * format.framesIn(356));
        assertThat(chunks).hasSize(10 * 36);
        assertThat(chunks.get(35).frames()).isEqualTo(format.framesIn(6));
        assertThat(chunks.get(36).samples()[1]).isNotZero(); // the second burst begins
    }

    @Test
    void shouldRefuseMoreThanAMinuteOfProbeAudio() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ToneBursts(100, 5_000, 200, 1_000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 60000 ms");
        new ToneBursts(12, 5_000, 200, 1_000);
    }
}
