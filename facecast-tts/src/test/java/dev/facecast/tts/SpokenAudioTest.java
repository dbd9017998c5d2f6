package dev.facecast.tts;

import dev.facecast.media.audio.AudioFormat;
import dev.facecast.media.audio.AudioLevels;
import dev.facecast.media.audio.PcmChunk;
import dev.facecast.tts.freetts.FreeTtsSynthesizer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("unit")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SpokenAudioTest {

    @Test
    void shouldCutSpeechIntoTenMsChunksFollowedBySilence() {
        AudioFormat microphone = AudioFormat.mono(48_000);
        List<PcmChunk> chunks;
        try (FreeTtsSynthesizer voice = new FreeTtsSynthesizer(1)) {
            chunks = SpokenAudio.tenMsChunks(voice, "Hello there.", microphone, 300);
        }

        assertThat(chunks).allSatisfy(chunk -> {
            assertThat(chunk.format()).isEqualTo(microphone);
            assertThat(chunk.frames()).isEqualTo(480);
        });
        assertThat(chunks.size()).isGreaterThan(30 + 50); // the silence and at least half a second of speech
        assertThat(chunks.subList(0, chunks.size() - 30)).anySatisfy(chunk -> assertThat(AudioLevels.rms(chunk)).isGreaterThan(0.02));
        assertThat(chunks.subList(chunks.size() - 30, chunks.size())).allSatisfy(chunk -> assertThat(AudioLevels.rms(chunk)).isZero());
    }

    @Test
    void shouldGiveOnlySilenceForNothingSaid() {
        try (FreeTtsSynthesizer voice = new FreeTtsSynthesizer(1)) {
            assertThat(SpokenAudio.tenMsChunks(voice, "", AudioFormat.mono(16_000), 50)).hasSize(5);
        }
    }
}
