package dev.facecast.stt;

import dev.facecast.media.audio.AudioFormat;
import dev.facecast.media.audio.PcmChunk;
import dev.facecast.stt.vosk.VoskSpeechToText;
import dev.facecast.tts.freetts.FreeTtsSynthesizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Vosk hears what the project's own TTS says: real model, real audio, no network. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class VoskSpeechToTextTest {

    @TempDir
    static Path cache;
    private static VoskSpeechToText stt;
    private static FreeTtsSynthesizer tts;

    @BeforeAll
    static void load() {
        stt = new VoskSpeechToText(cache, VoskSpeechToText.DEFAULT_END_OF_TURN_SILENCE_MS);
        tts = new FreeTtsSynthesizer(1);
    }

    @AfterAll
    static void close() {
        stt.close();
        tts.close();
    }

    @Test
    void shouldTranscribeSpeechAndEndTheUtteranceOnSilence() {
        short[] speech = speak("What time is it?");
        List<String> finals = new ArrayList<>();
        List<String> partials = new ArrayList<>();
        long startNs = System.nanoTime();
        try (Transcriber transcriber = stt.open(listener(partials, finals))) {
            feed(transcriber, speech);
            feed(transcriber, new short[16_000]); // a second of silence: the endpointer ends the turn
            double realTimeFactor = (System.nanoTime() - startNs) / 1e6 / transcriber.audioMs();
            System.out.printf("[stt] heard %s, real-time factor %.3f%n", finals, realTimeFactor);
        }

        assertThat(finals).hasSize(1);
        assertThat(finals.getFirst()).contains("time");
        assertThat(partials).isNotEmpty();
    }

    @Test
    void shouldReportTheUtteranceInProgressOnFlush() {
        List<String> finals = new ArrayList<>();
        try (Transcriber transcriber = stt.open(listener(new ArrayList<>(), finals))) {
            feed(transcriber, speak("Hello there."));
            assertThat(finals).isEmpty();

            transcriber.flush();
        }

        assertThat(finals).singleElement().asString().contains("hello");
    }

    @Test
    void shouldRefuseAnAbsurdEndpointingSetting() {
        assertThatThrownBy(() -> new VoskSpeechToText(cache, 10)).hasMessageContaining("100..5000");
    }

    private static TranscriptListener listener(List<String> partials, List<String> finals) {
        return new TranscriptListener() {
            @Override
            public void onPartial(String text) {
                partials.add(text);
            }

            @Override
            public void onFinal(String text, long endMs) {
                finals.add(text);
            }
        };
    }

    private static short[] speak(String text) {
        ByteArrayOutputStream pcm = new ByteArrayOutputStream();
        tts.synthesize(text, AudioFormat.mono(16_000), (PcmChunk chunk) -> {
            for (int i = 0; i < chunk.sampleCount(); i++) {
                pcm.write(chunk.samples()[i] & 0xff);
                pcm.write(chunk.samples()[i] >> 8);
            }
        }, () -> false);
        byte[] bytes = pcm.toByteArray();
        short[] samples = new short[bytes.length / 2];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) ((bytes[2 * i] & 0xff) | (bytes[2 * i + 1] << 8));
        }
        return samples;
    }

    /** In 20 ms pieces, as audio arrives from a call. */
    private static void feed(Transcriber transcriber, short[] samples) {
        for (int at = 0; at < samples.length; at += 320) {
            int frames = Math.min(320, samples.length - at);
            transcriber.accept(java.util.Arrays.copyOfRange(samples, at, at + frames), frames);
        }
    }
}
