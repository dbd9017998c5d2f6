package dev.facecast.stt;

import dev.facecast.media.audio.AudioFormat;
import dev.facecast.provider.ErrorKind;
import dev.facecast.provider.ProviderPolicy;
import dev.facecast.tts.CollectedSpeech;
import dev.facecast.tts.freetts.FreeTtsSynthesizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every recogniser must do, on speech the project's own TTS makes (FreeTTS: real audio,
 * no network). A recogniser's test extends this and says how to make one:
 * <pre>{@code
 * class MyRecogniserTest extends SpeechToTextConformance {
 *     protected SpeechToText create(ProviderPolicy policy) { return new MyRecogniser(policy); }
 * }
 * }</pre>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 2, unit = TimeUnit.MINUTES)
public abstract class SpeechToTextConformance {

    private SpeechToText stt;
    private FreeTtsSynthesizer voice;

    /** A new recogniser under test, running its calls under {@code policy}. */
    protected abstract SpeechToText create(ProviderPolicy policy);

    protected final SpeechToText stt() {
        return stt;
    }

    @BeforeAll
    final void open() {
        stt = create(ProviderPolicy.DEFAULTS);
        voice = new FreeTtsSynthesizer(1);
    }

    @AfterAll
    final void close() {
        stt.close();
        voice.close();
    }

    @Test
    void shouldHearSpeechAndEndTheUtteranceOnSilence() {
        Heard heard = new Heard();
        try (Transcriber transcriber = stt.open(heard)) {
            feed(transcriber, speak("What time is it?"));
            feed(transcriber, new short[stt.inputFormat().sampleRateHz()]); // a second of silence ends the turn
        }

        assertThat(heard.finals).singleElement().asString().contains("time");
        assertThat(heard.partials).isNotEmpty();
        assertThat(stt.meters().timeToFirstOutput().count()).isPositive();
    }

    @Test
    void shouldReportTheUtteranceInProgressOnFlush() {
        Heard heard = new Heard();
        try (Transcriber transcriber = stt.open(heard)) {
            feed(transcriber, speak("Hello there."));
            assertThat(heard.finals).isEmpty();

            transcriber.flush();
        }

        assertThat(heard.finals).singleElement().asString().contains("hello");
    }

    @Test
    void shouldHearNothingInSilenceOrEmptyInput() {
        Heard heard = new Heard();
        try (Transcriber transcriber = stt.open(heard)) {
            transcriber.accept(new short[0], 0);
            feed(transcriber, new short[2 * stt.inputFormat().sampleRateHz()]);
            transcriber.flush();
        }

        assertThat(heard.finals).isEmpty();
        assertThat(heard.partials).isEmpty();
    }

    @Test
    void shouldHearNothingMoreOnceClosedEvenFromItsListener() {
        List<String> results = new ArrayList<>();
        Transcriber[] self = new Transcriber[1];
        self[0] = stt.open(new TranscriptListener() {
            @Override
            public void onPartial(String text) {
                results.add(text);
                self[0].close(); // barge-in: the stream is cancelled from its own callback
            }

            @Override
            public void onFinal(String text, long endMs) {
                results.add(text);
            }
        });

        feed(self[0], speak("What time is it?"));
        self[0].flush();
        self[0].close();

        assertThat(results).hasSize(1);
    }

    @Test
    void shouldFailWithTheKindOfTheFailure() {
        try (SpeechToText starved = create(ProviderPolicy.DEFAULTS.withTimeoutsMs(0, 0, 0).withRetries(1, 0))) {
            assertThatThrownBy(() -> starved.open(new Heard()))
                    .isInstanceOfSatisfying(SttException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.TIMEOUT));
            assertThat(starved.meters().failures(ErrorKind.TIMEOUT)).isEqualTo(1);
        }
    }

    @Test
    void shouldCloseItsStreamsAndCloseIdempotently() {
        SpeechToText closing = create(ProviderPolicy.DEFAULTS);
        Heard heard = new Heard();
        Transcriber transcriber = closing.open(heard);

        closing.close();
        closing.close();
        feed(transcriber, speak("What time is it?"));
        transcriber.flush();
        transcriber.close();

        assertThat(heard.partials).isEmpty();
        assertThat(heard.finals).isEmpty();
        assertThatThrownBy(() -> closing.open(heard))
                .isInstanceOfSatisfying(SttException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE));
    }

    /** {@code text} spoken by FreeTTS in the recogniser's input format. */
    protected final short[] speak(String text) {
        CollectedSpeech speech = new CollectedSpeech();
        voice.synthesize(text, stt.inputFormat(), speech, () -> false);
        return speech.samples();
    }

    /** In 20 ms pieces, as audio arrives from a call. */
    protected final void feed(Transcriber transcriber, short[] samples) {
        int step = stt.inputFormat().sampleRateHz() / 50;
        for (int at = 0; at < samples.length; at += step) {
            int frames = Math.min(step, samples.length - at);
            transcriber.accept(Arrays.copyOfRange(samples, at, at + frames), frames);
        }
    }

    /** A listener that keeps what it hears. */
    public static final class Heard implements TranscriptListener {
        public final List<String> partials = new ArrayList<>();
        public final List<String> finals = new ArrayList<>();

        @Override
        public void onPartial(String text) {
            partials.add(text);
        }

        @Override
        public void onFinal(String text, long endMs) {
            finals.add(text);
        }
    }
}
