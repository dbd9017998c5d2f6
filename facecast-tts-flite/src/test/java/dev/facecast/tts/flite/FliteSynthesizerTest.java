package dev.facecast.tts.flite;

import dev.facecast.media.audio.AudioFormat;
import dev.facecast.media.speech.PhoneTiming;
import dev.facecast.provider.ProviderPolicy;
import dev.facecast.tts.CollectedSpeech;
import dev.facecast.tts.SpeechSynthesizer;
import dev.facecast.tts.SpeechSynthesizerConformance;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** flite through FFM. Needs Debian's libflite1 (scripts/install-test-deps.sh installs it): never skipped. */
@Tag("native")
class FliteSynthesizerTest extends SpeechSynthesizerConformance {

    @Override
    protected SpeechSynthesizer create(ProviderPolicy policy) {
        assertThat(FliteSynthesizer.unavailabilityCause()).as("libflite1 must be installed: scripts/install-test-deps.sh").isNull();
        return new FliteSynthesizer(policy);
    }

    @Test
    void shouldSpeakAt16kHzWithPhonesEndingWithTheAudio() {
        CollectedSpeech speech = speak("Hello, I am Facecast.", AudioFormat.mono(16_000));

        assertThat(tts().resamplesFor(AudioFormat.mono(16_000))).isFalse();
        assertThat(speech.audioMs()).isBetween(800L, 4_000L);
        assertThat(speech.phones).extracting(PhoneTiming::phone).contains("hh", "l", "ow");
        assertThat(speech.phones.getLast().endMs()).isBetween(speech.audioMs() - 300, speech.audioMs() + 50);
    }
}
