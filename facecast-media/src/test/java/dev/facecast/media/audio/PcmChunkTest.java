package dev.facecast.media.audio;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Tag("unit")
class PcmChunkTest {

    @Test
    void shouldRefuseSilenceOfANegativeOrOverflowingSizeAsABadArgument() {
        assertThatThrownBy(() -> PcmChunk.silence(AudioFormat.mono(48_000), -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PcmChunk.silence(new AudioFormat(48_000, 2), 1 << 30)).isInstanceOf(IllegalArgumentException.class);
    }
}
