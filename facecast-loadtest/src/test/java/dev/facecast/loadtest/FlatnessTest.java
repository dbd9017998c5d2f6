package dev.facecast.loadtest;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("unit")
class FlatnessTest {

    private static final long MB = 1_000_000;

    @Test
    void shouldCallASteadyServerFlatAfterItsWarmUp() {
        // A first third that grows (warm-up) is left out; the rest wobbles within tolerance.
        Flatness.Verdict verdict = Flatness.of(samples(9, i -> sample(i, i < 3 ? 200 * MB + i * 50 * MB : 400 * MB + (i % 2) * 10 * MB,
                i < 3 ? 100 + 10 * i : 140 + i % 2, 40)));

        assertThat(verdict.judged()).isTrue();
        assertThat(verdict.flat()).isTrue();
        assertThat(verdict.rss().growth()).isBetween(-0.1, 0.1);
    }

    @Test
    void shouldCallRssGrowingBeyondTenPercentGrowing() {
        Flatness.Verdict verdict = Flatness.of(samples(6, i -> sample(i, (400 + 30 * i) * MB, 140, 40)));

        assertThat(verdict.rss().middleMean()).isEqualTo(475.0 * MB);
        assertThat(verdict.rss().lastMean()).isEqualTo(535.0 * MB);
        assertThat(verdict.rss().flat()).isFalse();
        assertThat(verdict.osThreads().flat()).isTrue();
        assertThat(verdict.flat()).isFalse();
    }

    @Test
    void shouldAllowTwoThreadsOfGrowthButNotThree() {
        Flatness.Verdict two = Flatness.of(samples(6, i -> sample(i, 400 * MB, i < 4 ? 140 : 142, i < 4 ? 40 : 42)));
        Flatness.Verdict three = Flatness.of(samples(6, i -> sample(i, 400 * MB, 140, i < 4 ? 40 : 43)));

        assertThat(two.flat()).isTrue();
        assertThat(three.facecastThreads().growth()).isEqualTo(3);
        assertThat(three.facecastThreads().flat()).isFalse();
        assertThat(three.flat()).isFalse();
    }

    @Test
    void shouldNotJudgeTooFewSamples() {
        Flatness.Verdict verdict = Flatness.of(samples(2, i -> sample(i, 400 * MB, 140, 40)));

        assertThat(verdict.judged()).isFalse();
        assertThat(verdict.flat()).isFalse();
    }

    @Test
    void shouldPrintTheVerdictAndEachMetric() {
        List<RuntimeSample> samples = samples(6, i -> sample(i, (400 + 30 * i) * MB, 140, 40));
        SoakRun.Report report = new SoakRun.Report(180, 8, 30, samples, Flatness.of(samples));

        assertThat(report.toText()).contains("RSS               GROWING:  middle third 475.0 MB, last third 535.0 MB (+12.6 %, at most +10 %)")
                .contains("OS threads        flat:").contains("verdict: GROWING");
        assertThat(report.toJson()).containsEntry("flat", false).containsEntry("sessionsCreated", 30L).containsKey("metrics");
        assertThat(samples.getFirst().toLine()).contains("400.0");
    }

    @Test
    void shouldReadDurationsWithUnits() {
        DurationConverter converter = new DurationConverter();

        assertThat(converter.convert("30m")).isEqualTo(Duration.ofMinutes(30));
        assertThat(converter.convert("90")).isEqualTo(Duration.ofSeconds(90));
        assertThat(converter.convert("1500ms")).isEqualTo(Duration.ofMillis(1500));
    }

    private static List<RuntimeSample> samples(int count, IntFunction<RuntimeSample> sample) {
        List<RuntimeSample> samples = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            samples.add(sample.apply(i));
        }
        return samples;
    }

    private static RuntimeSample sample(int i, long rssBytes, long osThreads, long facecastThreads) {
        return new RuntimeSample(30.0 * i, 8, rssBytes, osThreads, facecastThreads, 0, 0);
    }
}
