package dev.facecast.media.clock;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Tag("unit")
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class AwaitTest {

    @Test
    void shouldReturnAsSoonAsTheConditionHolds() throws InterruptedException {
        AtomicInteger asked = new AtomicInteger();

        boolean held = Await.within(Duration.ofSeconds(5), Duration.ofMillis(1), () -> asked.incrementAndGet() >= 3);

        assertThat(held).isTrue();
        assertThat(asked).hasValue(3);
    }

    @Test
    void shouldFailNamingWhatWasAwaitedAfterTheTimeout() {
        assertThatThrownBy(() -> Await.until("the sessions to end", Duration.ofMillis(30), () -> false))
                .isInstanceOf(AssertionError.class)
                .hasMessage("the sessions to end: not within 30 ms");
    }
}
