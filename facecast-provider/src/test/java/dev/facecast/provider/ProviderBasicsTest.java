package dev.facecast.provider;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.http.HttpTimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Error kinds, backoff and the latency recorder. */
@Tag("unit")
class ProviderBasicsTest {

    @Test
    void shouldMapHttpStatusesAndExceptionsToKinds() {
        assertThat(ErrorKind.ofHttpStatus(401)).isEqualTo(ErrorKind.AUTH);
        assertThat(ErrorKind.ofHttpStatus(429)).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(ErrorKind.ofHttpStatus(503)).isEqualTo(ErrorKind.UNAVAILABLE);
        assertThat(ErrorKind.ofHttpStatus(504)).isEqualTo(ErrorKind.TIMEOUT);
        assertThat(ErrorKind.ofHttpStatus(422)).isEqualTo(ErrorKind.BAD_REQUEST);
        assertThat(ErrorKind.of(new HttpTimeoutException("slow"))).isEqualTo(ErrorKind.TIMEOUT);
        assertThat(ErrorKind.of(new ConnectException("refused"))).isEqualTo(ErrorKind.UNAVAILABLE);
        assertThat(ErrorKind.of(new IllegalStateException("bug"))).isEqualTo(ErrorKind.INTERNAL);
        assertThat(ErrorKind.RATE_LIMITED.retryable()).isTrue();
        assertThat(ErrorKind.BAD_REQUEST.retryable()).isFalse();
    }

    @Test
    void shouldBackOffExponentiallyWithJitterUpToTheCap() {
        ProviderPolicy policy = ProviderPolicy.DEFAULTS.withRetries(5, 100);

        for (int i = 0; i < 50; i++) {
            assertThat(policy.backoffMsAfter(1)).isBetween(50L, 100L);
            assertThat(policy.backoffMsAfter(2)).isBetween(100L, 200L);
            assertThat(policy.backoffMsAfter(30)).isBetween(policy.maxBackoffMs() / 2, policy.maxBackoffMs());
        }
        assertThatThrownBy(() -> policy.withRetries(0, 100)).hasMessageContaining("at least one attempt");
    }

    @Test
    void shouldRecordLatenciesIntoBucketsWithLastMaxAndPercentiles() {
        LatencyRecorder recorder = new LatencyRecorder();
        for (int ms = 1; ms <= 100; ms++) {
            recorder.record(ms * 1_000_000L);
        }
        recorder.record(20_000_000_000L);

        assertThat(recorder.count()).isEqualTo(101);
        assertThat(recorder.lastMs()).isEqualTo(20_000.0);
        assertThat(recorder.maxMs()).isEqualTo(20_000.0);
        assertThat(recorder.percentileMs(0.5)).isEqualTo(100.0);
        assertThat(recorder.percentileMs(0.04)).isEqualTo(5.0);
        assertThat(recorder.percentileMs(1.0)).isEqualTo(20_000.0);
        assertThat(recorder.bucketCount(LatencyRecorder.bucketBoundsMs().length)).isEqualTo(1);
    }
}
