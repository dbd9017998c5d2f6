package dev.facecast.tts;

import dev.facecast.media.audio.AudioFormat;
import dev.facecast.media.audio.PcmChunk;
import dev.facecast.media.speech.PhoneTiming;
import dev.facecast.provider.ErrorKind;
import dev.facecast.provider.ProviderPolicy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every TTS engine must do. An engine's test extends this and says how to make one:
 * <pre>{@code
 * class MyEngineTest extends SpeechSynthesizerConformance {
 *     protected SpeechSynthesizer create(ProviderPolicy policy) { return new MyEngine(policy); }
 * }
 * }</pre>
 * One engine serves the whole class; tests that close or starve an engine make their own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class SpeechSynthesizerConformance {

    protected static final String SENTENCE = "Hello there, I am your avatar.";
    private static final String LONG_TEXT = "This is a long sentence that should be cut short after a few chunks of audio.";

    private SpeechSynthesizer tts;

    /** A new engine under test, running its calls under {@code policy}. */
    protected abstract SpeechSynthesizer create(ProviderPolicy policy);

    /** The engine shared by the class's tests. */
    protected final SpeechSynthesizer tts() {
        return tts;
    }

    /** Speaks {@code text} with the shared engine, keeping everything it delivered. */
    protected final CollectedSpeech speak(String text, AudioFormat format) {
        CollectedSpeech speech = new CollectedSpeech();
        tts.synthesize(text, format, speech, () -> false);
        return speech;
    }

    @BeforeAll
    final void openEngine() {
        tts = create(ProviderPolicy.DEFAULTS);
    }

    @AfterAll
    final void closeEngine() {
        tts.close();
    }

    @ParameterizedTest
    @ValueSource(ints = {16_000, 24_000, 48_000})
    void shouldDeliverTheRequestedSampleRate(int sampleRateHz) {
        long callsBefore = tts.meters().timeToFirstOutput().count();

        CollectedSpeech speech = speak(SENTENCE, AudioFormat.mono(sampleRateHz));

        assertThat(speech.formats()).containsExactly(AudioFormat.mono(sampleRateHz));
        assertThat(speech.audioMs()).isBetween(300L, 10_000L);
        assertThat(speech.rms()).isGreaterThan(300);
        assertThat(tts.meters().timeToFirstOutput().count()).isEqualTo(callsBefore + 1);
    }

    @Test
    void shouldReportPhoneTimingsInOrderAndInsideTheAudio() {
        CollectedSpeech speech = speak(SENTENCE, AudioFormat.mono(48_000));

        for (int i = 1; i < speech.phones.size(); i++) {
            assertThat(speech.phones.get(i).endMs()).isGreaterThanOrEqualTo(speech.phones.get(i - 1).endMs());
        }
        assertThat(speech.phones).allSatisfy(phone -> assertThat(phone.endMs()).isBetween(0L, speech.audioMs() + 50));
    }

    @Test
    void shouldStopWithinAFewChunksWhenCancelled() {
        CollectedSpeech speech = new CollectedSpeech();

        tts.synthesize(LONG_TEXT, AudioFormat.mono(16_000), speech, () -> speech.chunks.size() >= 3);

        assertThat(speech.chunks).hasSizeBetween(3, 5);
    }

    @Test
    void shouldSpeakNothingForBlankText() {
        assertThat(speak("", AudioFormat.mono(16_000)).chunks).isEmpty();
        assertThat(speak(" \n\t ", AudioFormat.mono(16_000)).chunks).isEmpty();
        assertThat(speak(null, AudioFormat.mono(16_000)).phones).isEmpty();
    }

    @Test
    void shouldFailWithTheKindOfTheFailure() {
        try (SpeechSynthesizer starved = create(ProviderPolicy.DEFAULTS.withTimeoutsMs(0, 0, 0).withRetries(1, 0))) {
            CollectedSpeech speech = new CollectedSpeech();

            assertThatThrownBy(() -> starved.synthesize(SENTENCE, AudioFormat.mono(16_000), speech, () -> false))
                    .isInstanceOfSatisfying(TtsException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.TIMEOUT));
            assertThat(speech.chunks).isEmpty();
            assertThat(starved.meters().failures(ErrorKind.TIMEOUT)).isEqualTo(1);
        }
    }

    @Test
    void shouldStopQuietlyWhenClosedWhileSpeakingAndCloseIdempotently() {
        SpeechSynthesizer closing = create(ProviderPolicy.DEFAULTS);
        CollectedSpeech speech = new CollectedSpeech();

        closing.synthesize(LONG_TEXT, AudioFormat.mono(16_000), new SpeechSink() {
            @Override
            public void onAudio(PcmChunk chunk) {
                speech.onAudio(chunk);
                if (speech.chunks.size() == 2) {
                    closing.close();
                }
            }

            @Override
            public void onPhones(List<PhoneTiming> phones) {
                speech.onPhones(phones);
            }
        }, () -> false);
        closing.close();

        assertThat(speech.chunks).hasSizeBetween(2, 4);
        assertThatThrownBy(() -> closing.synthesize(SENTENCE, AudioFormat.mono(16_000), speech, () -> false))
                .isInstanceOfSatisfying(TtsException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE));
    }
}
