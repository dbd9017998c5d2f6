package dev.facecast.media.audio;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("unit")
class Pcm16Test {

    @Test
    void shouldWriteLowByteFirstFromTheOffset() {
        byte[] out = new byte[6];

        Pcm16.toLittleEndian(new short[]{0x1234, -2, 99}, 2, out, 1);

        assertThat(out).containsExactly(0, 0x34, 0x12, 0xfe, 0xff, 0);
    }

    @Test
    void shouldJoinOnlyTheValidSamplesOfEachChunk() {
        AudioFormat mono = AudioFormat.mono(16_000);

        short[] joined = Pcm16.join(List.of(new PcmChunk(mono, new short[]{1, 2, 3}, 2), PcmChunk.empty(mono),
                new PcmChunk(mono, new short[]{4}, 1)));

        assertThat(joined).containsExactly(1, 2, 4);
    }
}
