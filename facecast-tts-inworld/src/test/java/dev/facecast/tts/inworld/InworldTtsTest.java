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

/** The TTS conformance suite against the fake Inworld, plus what only a rate-choosing cloud voice does. */
@Tag("unit")
class InworldTtsTest extends SpeechSynthesizerConformance {

    private final FakeVendorServer vendors = FakeVendorServer.start(0);

    @Override
    protected SpeechSynthesizer create(ProviderPolicy policy) {
        return new InworldTts(InworldSettings.of(URI.create(vendors.inworldBaseUrl()), "test-key"), policy);
    }

    @AfterAll
    void stopVendors() {
        vendors.close();
    }

    @Test
    void shouldAskInworldForTheConsumersRateSoNothingIsResampled() {
        for (int rateHz : new int[] {16_000, 24_000, 48_000}) {
            assertThat(tts().resamplesFor(AudioFormat.mono(rateHz))).as("%d Hz", rateHz).isFalse();
        }

        speak(SENTENCE, AudioFormat.mono(24_000));

        assertThat(vendors.inworld().received()).anySatisfy(message ->
                assertThat(message).contains("\"create\"").contains("\"sampleRateHertz\":24000").contains("\"timestampType\":\"WORD\""));
    }

    @Test
    void shouldTurnInworldPhonesIntoArpabetThatEndWithTheAudio() {
        CollectedSpeech speech = speak("Hello, I am Facecast.", AudioFormat.mono(24_000));

        assertThat(speech.phones).extracting(p -> p.phone()).contains("hh", "l", "ow");
        assertThat(speech.phones.getLast().endMs()).isBetween(speech.audioMs() - 400, speech.audioMs() + 50);
    }

    @Test
    void shouldCloseEveryContextItOpened() throws InterruptedException {
        vendors.inworld().reset();
        speak(SENTENCE, AudioFormat.mono(16_000));
        speak(SENTENCE, AudioFormat.mono(16_000));

        assertThat(vendors.inworld().received()).filteredOn(m -> m.contains("\"create\"")).hasSize(2);
        assertThat(vendors.inworld().awaitCreatedContextsClosed(2_000)).isEmpty();
    }
}
