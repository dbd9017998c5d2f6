package dev.facecast.tts.freetts;

import dev.facecast.media.audio.AudioFormat;
import dev.facecast.media.speech.PhoneTiming;
import dev.facecast.provider.ProviderPolicy;
import dev.facecast.tts.CollectedSpeech;
import dev.facecast.tts.SpeechSynthesizer;
import dev.facecast.tts.SpeechSynthesizerConformance;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("unit")
class FreeTtsSynthesizerTest extends SpeechSynthesizerConformance {

    @Override
    protected SpeechSynthesizer create(ProviderPolicy policy) {
        return new FreeTtsSynthesizer(2, policy);
    }

    @Test
    void shouldSpeakAtItsNativeRateWithPhonesEndingWithTheAudio() {
        CollectedSpeech speech = speak("Hello there. I am your avatar.", AudioFormat.mono(16_000));

        assertThat(tts().resamplesFor(AudioFormat.mono(16_000))).isFalse();
        assertThat(speech.phones).extracting(PhoneTiming::phone).contains("hh", "l", "ow");
        assertThat(speech.phones.getLast().endMs()).isBetween(speech.audioMs() - 300, speech.audioMs() + 5);
    }

    @Test
    void shouldGiveTheSamePhonesAtAnyRate() {
        CollectedSpeech native16k = speak("Testing one two three.", AudioFormat.mono(16_000));
        CollectedSpeech at48k = speak("Testing one two three.", AudioFormat.mono(48_000));

        assertThat(at48k.frames()).isCloseTo(3L * native16k.frames(), org.assertj.core.data.Offset.offset(400L));
        assertThat(at48k.phones).isEqualTo(native16k.phones);
    }
}
