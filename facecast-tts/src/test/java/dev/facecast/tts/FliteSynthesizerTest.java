package dev.facecast.tts;

import dev.facecast.media.audio.AudioFormat;
import dev.facecast.media.audio.PcmChunk;
import dev.facecast.media.speech.PhoneTiming;
import dev.facecast.tts.flite.FliteSynthesizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** flite through FFM. Needs Debian's libflite1 (scripts/install-test-deps.sh installs it): never skipped. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class FliteSynthesizerTest {

    @Test
    void shouldSpeakAt16kHzWithPhoneTimings() {
        assertThat(FliteSynthesizer.unavailabilityCause()).as("libflite1 must be installed: scripts/install-test-deps.sh").isNull();
        FliteSynthesizer flite = new FliteSynthesizer();
        List<PcmChunk> chunks = new ArrayList<>();
        List<PhoneTiming> phones = new ArrayList<>();

        flite.synthesize("Hello, I am Facecast.", AudioFormat.mono(16_000), new SpeechSink() {
            @Override
            public void onAudio(PcmChunk chunk) {
                chunks.add(chunk);
            }

            @Override
            public void onPhones(List<PhoneTiming> timings) {
                phones.addAll(timings);
            }
        }, () -> false);

        long frames = chunks.stream().mapToLong(PcmChunk::frames).sum();
        double loud = chunks.stream().flatMapToInt(c -> java.util.stream.IntStream.range(0, c.frames()).map(i -> Math.abs(c.samples()[i])))
                .filter(level -> level > 1000).count();
        assertThat(flite.resamplesFor(AudioFormat.mono(16_000))).isFalse();
        assertThat(frames / 16_000.0).isBetween(0.8, 4.0);
        assertThat(loud).isGreaterThan(1000);
        assertThat(phones).extracting(PhoneTiming::phone).contains("hh", "l", "ow");
        assertThat(phones.getLast().endMs()).isBetween(frames * 1000 / 16_000 - 300, frames * 1000 / 16_000 + 50);
    }
}
