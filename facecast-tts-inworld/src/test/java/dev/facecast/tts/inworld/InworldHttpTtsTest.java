package dev.facecast.tts.inworld;

import dev.facecast.fakevendors.FakeVendorServer;
import dev.facecast.media.audio.AudioFormat;
import dev.facecast.provider.ProviderPolicy;
import dev.facecast.tts.CollectedSpeech;
import dev.facecast.tts.SpeechSynthesizer;
import dev.facecast.tts.SpeechSynthesizerConformance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

/** The TTS conformance suite against the fake Inworld's HTTP stream. */
@Tag("unit")
class InworldHttpTtsTest extends SpeechSynthesizerConformance {

    private final FakeVendorServer vendors = FakeVendorServer.start(0);

    @Override
    protected SpeechSynthesizer create(ProviderPolicy policy) {
        return new InworldHttpTts(InworldSettings.of(URI.create(vendors.inworldBaseUrl()), "test-key"), policy);
    }

    @AfterAll
    void stopVendors() {
        vendors.close();
    }

    @Test
    void shouldSpeakTextLongerThanOneRequestTakesWithPhonesInOrder() {
        String sentence = "This sentence is said again and again until the text is longer than one request may be. ";
        CollectedSpeech speech = speak(sentence.repeat(25), AudioFormat.mono(16_000)); // 2,250 characters: two requests

        for (int i = 1; i < speech.phones.size(); i++) {
            assertThat(speech.phones.get(i).endMs()).isGreaterThanOrEqualTo(speech.phones.get(i - 1).endMs());
        }
        assertThat(speech.phones.getLast().endMs()).isBetween(speech.audioMs() - 1_000, speech.audioMs() + 50);
        assertThat(tts().resamplesFor(AudioFormat.mono(16_000))).isFalse();
    }
}
