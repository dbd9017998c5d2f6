package dev.facecast.avatar.anam;

import dev.facecast.avatar.AvatarOptions;
import dev.facecast.avatar.ReplyListener;
import dev.facecast.avatar.SpeechQueue;
import dev.facecast.media.audio.AudioFormat;
import dev.facecast.media.audio.AudioLevels;
import dev.facecast.media.audio.PcmChunk;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The hosted face's two formats, with no vendor: speech goes in at Anam's 24 kHz and the voice comes
 * out at the 48 kHz libwebrtc decodes it in, whatever the session's own rate, so neither way runs a
 * resampler while the vendor sends what is declared.
 */
@Tag("unit")
class AnamFormatsTest {

    private static final AudioFormat ANAM_TAKES = AudioFormat.mono(24_000);
    private static final AudioFormat OPUS_GIVES = AudioFormat.mono(48_000);

    @ParameterizedTest
    @ValueSource(ints = {16_000, 24_000, 48_000})
    void shouldTakeAnamsRateAndGiveTheDecodersWhateverTheSessionsRate(int sessionRateHz) {
        AnamAvatarStream stream = open(AudioFormat.mono(sessionRateHz));

        assertThat(stream.inputFormat()).isEqualTo(ANAM_TAKES);
        assertThat(stream.outputFormat()).isEqualTo(OPUS_GIVES);
        assertThat(stream.resamplersActive()).isZero();
        stream.close();
    }

    @Test
    void shouldRefuseSpeechInAnotherFormatThanItTakes() {
        AnamAvatarStream stream = open(AudioFormat.mono(16_000));
        PcmChunk sessionRate = new PcmChunk(AudioFormat.mono(16_000), new short[160], 160);

        assertThatThrownBy(() -> stream.push(new SpeechQueue.Audio(1, sessionRate)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("24000 Hz");
        stream.close();
    }

    @Test
    void shouldPlayTheVoiceAsItArrivesFromTheDecoderWithNoResampler() {
        DownlinkAudio downlink = new DownlinkAudio();
        short[] stereoTenMs = tone(OPUS_GIVES.framesIn(10), 2);
        for (int block = 0; block < 10; block++) { // past the jitter buffer's 40 ms
            downlink.onPcm(stereoTenMs, OPUS_GIVES.framesIn(10), OPUS_GIVES.sampleRateHz(), 2);
        }
        short[] tenMs = new short[OPUS_GIVES.framesIn(10)];

        downlink.fill(tenMs);

        assertThat(AudioLevels.rms(tenMs, tenMs.length)).as("the voice, mixed to mono").isGreaterThan(0.1);
        assertThat(downlink.resamples()).isFalse();
    }

    @Test
    void shouldResampleOnlyAVoiceThatArrivesAtAnotherRateThanDeclared() {
        DownlinkAudio downlink = new DownlinkAudio();

        downlink.onPcm(tone(441, 1), 441, 44_100, 1);

        assertThat(downlink.resamples()).isTrue();
    }

    private static AnamAvatarStream open(AudioFormat session) {
        return new AnamAvatarStream(new AvatarOptions("formats", 320, 240, session, 1, () -> { }), ReplyListener.NONE, 16,
                new Teardowns());
    }

    /** A 440 Hz tone at about -9 dBFS, the same on every channel. */
    private static short[] tone(int frames, int channels) {
        short[] samples = new short[frames * channels];
        for (int i = 0; i < frames; i++) {
            short value = (short) (12_000 * Math.sin(2 * Math.PI * 440 * i / 48_000.0));
            for (int c = 0; c < channels; c++) {
                samples[i * channels + c] = value;
            }
        }
        return samples;
    }
}
