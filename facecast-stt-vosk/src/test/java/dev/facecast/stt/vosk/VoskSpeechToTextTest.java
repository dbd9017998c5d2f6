package dev.facecast.stt.vosk;

import dev.facecast.provider.ProviderPolicy;
import dev.facecast.stt.SpeechToText;
import dev.facecast.stt.SpeechToTextConformance;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Vosk hears what the project's own TTS says: real model, real audio, no network. */
@Tag("native")
class VoskSpeechToTextTest extends SpeechToTextConformance {

    @TempDir
    static Path cache;

    @Override
    protected SpeechToText create(ProviderPolicy policy) {
        return new VoskSpeechToText(cache, VoskSpeechToText.DEFAULT_END_OF_TURN_SILENCE_MS, policy);
    }

    @Test
    void shouldRefuseAnAbsurdEndpointingSetting() {
        assertThatThrownBy(() -> new VoskSpeechToText(cache, 10)).hasMessageContaining("100..5000");
    }
}
