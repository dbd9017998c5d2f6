package dev.facecast.tts;

import dev.facecast.media.audio.AudioFormat;
import dev.facecast.media.audio.Pcm16;
import dev.facecast.media.audio.PcmChunk;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("unit")
class SpokenAudioTest {

    private static final AudioFormat MICROPHONE = AudioFormat.mono(48_000);

    /** Speaks three chunks of 700 frames, each sample the chunk's number: 2,100 frames in uneven pieces. */
    private static final SpeechSynthesizer VOICE = new SpeechSynthesizer() {
        @Override
        public String name() {
            return "counting";
        }

        @Override
        public AudioFormat nativeFormat() {
            return MICROPHONE;
        }

        @Override
        public void synthesize(String text, AudioFormat output, SpeechSink sink, BooleanSupplier cancelled) {
            for (int c = 1; c <= (text.isEmpty() ? 0 : 3); c++) {
                short[] samples = new short[700];
                Arrays.fill(samples, (short) c);
                sink.onAudio(new PcmChunk(output, samples, samples.length));
            }
        }

        @Override
        public void close() {
        }
    };

    @Test
    void shouldCutSpeechIntoTenMsChunksPadTheLastAndAddTheSilence() {
        List<PcmChunk> chunks = SpokenAudio.tenMsChunks(VOICE, "one two three", MICROPHONE, 30);

        assertThat(chunks).hasSize(5 + 3).allSatisfy(chunk -> {
            assertThat(chunk.format()).isEqualTo(MICROPHONE);
            assertThat(chunk.frames()).isEqualTo(480);
        });
        short[] all = Pcm16.join(chunks);
        assertThat(Arrays.copyOfRange(all, 699, 701)).containsExactly(1, 2);
        assertThat(all[2_099]).isEqualTo((short) 3);
        assertThat(Arrays.copyOfRange(all, 2_100, all.length)).containsOnly(0);
    }

    @Test
    void shouldFindTheFirstAndLastChunksAtALevel() {
        List<PcmChunk> chunks = List.of(level(0), level(1_000), level(100), level(1_000), level(0));

        assertThat(SpokenAudio.firstChunkAtLevel(chunks, 0.02)).isEqualTo(1);
        assertThat(SpokenAudio.lastChunkAtLevel(chunks, 0.02)).isEqualTo(3);
        assertThat(SpokenAudio.firstChunkAtLevel(chunks, 0.5)).isEqualTo(-1);
        assertThat(SpokenAudio.lastChunkAtLevel(chunks, 0.5)).isEqualTo(-1);
    }

    @Test
    void shouldGiveOnlySilenceForNothingSaid() {
        assertThat(SpokenAudio.tenMsChunks(VOICE, "", AudioFormat.mono(16_000), 50)).hasSize(5);
    }

    /** 10 ms of a constant {@code sample}: its RMS is sample / 32768 of full scale. */
    private static PcmChunk level(int sample) {
        short[] samples = new short[480];
        Arrays.fill(samples, (short) sample);
        return new PcmChunk(MICROPHONE, samples, samples.length);
    }
}
