package dev.facecast.testsupport;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Tag("unit")
class LeakCheckTest {

    @Test
    void shouldPassOnceEveryCountIsBackAtOrBelowItsBaseline() {
        AtomicLong threads = new AtomicLong(4);
        Map<String, LongSupplier> counts = Map.of("facecastThreads", () -> threads.getAndUpdate(n -> Math.max(1, n - 1)));

        assertThatCode(() -> LeakCheck.awaitBaseline(counts, Map.of("facecastThreads", 2L), Duration.ofSeconds(5)))
                .doesNotThrowAnyException();
    }

    @Test
    void shouldFailNamingOnlyTheCountThatStaysAbove() {
        Map<String, LongSupplier> counts = Map.of("facecastThreads", () -> 3, "nativeFramesOutstanding", () -> 0);

        assertThatThrownBy(() -> LeakCheck.awaitBaseline(counts, Map.of("facecastThreads", 2L, "nativeFramesOutstanding", 0L),
                Duration.ofMillis(50)))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("leaked {facecastThreads=3}")
                .hasMessageNotContaining("nativeFramesOutstanding=0 ");
    }
}
