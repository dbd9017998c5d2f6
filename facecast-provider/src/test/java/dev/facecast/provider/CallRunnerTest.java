package dev.facecast.provider;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The runner's retries, deadlines and cancellation, on a fake clock with the watchdog driven by hand. */
@Tag("unit")
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class CallRunnerTest {

    private static final ProviderPolicy POLICY = new ProviderPolicy(1_000, 2_000, 500, 3, 0, 0);

    private final AtomicLong nowNs = new AtomicLong(1_000_000_000L);
    private final Watchdog watchdog = new Watchdog(nowNs::get);
    private final CallRunner runner = new CallRunner("fake", POLICY, ProviderException.class, ProviderException::new,
            watchdog, nowNs::get);

    @Test
    void shouldRetryARetryableFailureBeforeTheFirstOutput() {
        AtomicInteger attempts = new AtomicInteger();
        List<String> heard = new ArrayList<>();

        runner.call(() -> false, call -> {
            if (attempts.incrementAndGet() == 1) {
                throw new IOException("connection reset");
            }
            return call.deliver(heard::add, "hello");
        });

        assertThat(attempts).hasValue(2);
        assertThat(heard).containsExactly("hello");
        assertThat(runner.meters().retries()).isEqualTo(1);
        assertThat(runner.meters().completed()).isEqualTo(1);
    }

    @Test
    void shouldNeverRetryOnceSomethingWasDelivered() {
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> runner.call(() -> false, call -> {
            attempts.incrementAndGet();
            call.deliver(text -> { }, "hello");
            throw new IOException("connection reset");
        })).isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE));

        assertThat(attempts).hasValue(1);
        assertThat(runner.meters().failures(ErrorKind.UNAVAILABLE)).isEqualTo(1);
    }

    @Test
    void shouldNotRetryAFailureThatWouldRepeat() {
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> runner.call(() -> false, call -> {
            attempts.incrementAndGet();
            throw new ProviderException(ErrorKind.AUTH, "bad key", null);
        })).hasMessage("bad key");

        assertThat(attempts).hasValue(1);
    }

    @Test
    void shouldAbortAVendorBlockedBeforeConnectingOnceTheDeadlinePasses() throws Exception {
        CompletableFuture<Boolean> interruptLeft = new CompletableFuture<>();
        CompletableFuture<ProviderException> failure = callOnAnotherThread(call -> {
            new CountDownLatch(1).await(); // a blocking read that never returns by itself
            return null;
        }, interruptLeft);

        advanceUntilDone(failure, 1_000);

        assertThat(failure.get().kind()).isEqualTo(ErrorKind.TIMEOUT);
        assertThat(failure.get()).hasMessageContaining("not connected within 1000 ms");
        assertThat(interruptLeft.get()).as("the interrupt that woke the vendor is not left on the caller's thread").isFalse();
        assertThat(runner.meters().retries()).as("nothing was delivered: retried").isEqualTo(2);
    }

    @Test
    void shouldFailAStalledStreamButNeverCountTheConsumersTime() throws Exception {
        CountDownLatch stalled = new CountDownLatch(1);
        CompletableFuture<ProviderException> failure = callOnAnotherThread(call -> {
            call.connected();
            call.deliver(chunk -> nowNs.addAndGet(TimeUnit.SECONDS.toNanos(30)), "slow consumer");
            assertThat(call.progress()).as("30 s in the consumer are not a stall").isTrue();
            stalled.countDown();
            new CountDownLatch(1).await();
            return null;
        }, new CompletableFuture<>());
        stalled.await();

        advanceUntilDone(failure, 500);

        assertThat(failure.get().kind()).isEqualTo(ErrorKind.TIMEOUT);
        assertThat(failure.get()).hasMessageContaining("no output for 500 ms");
        assertThat(runner.meters().retries()).as("output was delivered: never retried").isZero();
    }

    @Test
    void shouldEndALiveCallQuietlyAndRefuseNewOnesWhenClosed() throws Exception {
        CountDownLatch unblocked = new CountDownLatch(1);
        CountDownLatch blocked = new CountDownLatch(1);
        CompletableFuture<Object> result = CompletableFuture.supplyAsync(() -> runner.call(() -> false, call -> {
            call.closeOnAbort(unblocked::countDown); // what closing a socket does to its reader
            blocked.countDown();
            unblocked.await();
            throw new IOException("socket closed");
        }), command -> Thread.ofVirtual().start(command));
        blocked.await();

        assertThat(runner.close()).isTrue();
        assertThat(runner.close()).isFalse();

        assertThat(result.get()).isNull();
        assertThat(runner.meters().cancelled()).isEqualTo(1);
        assertThatThrownBy(() -> runner.call(() -> false, call -> null))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE));
    }

    @Test
    void shouldStopDeliveringOnceTheCallerCancels() {
        List<String> heard = new ArrayList<>();

        runner.call(() -> heard.size() >= 2, call -> {
            for (int i = 0; i < 10 && call.deliver(heard::add, "chunk " + i); i++) {
                nowNs.addAndGet(1_000);
            }
            return null;
        });

        assertThat(heard).hasSize(2);
        assertThat(runner.meters().cancelled()).isEqualTo(1);
        assertThat(runner.meters().timeToFirstOutput().count()).isEqualTo(1);
    }

    @Test
    void shouldRethrowTheConsumersOwnFailureAsItIs() {
        IllegalStateException downstream = new IllegalStateException("queue closed");

        assertThatThrownBy(() -> runner.call(() -> false, call -> call.deliver(chunk -> {
            throw downstream;
        }, "x"))).isSameAs(downstream);
    }

    private CompletableFuture<ProviderException> callOnAnotherThread(CallRunner.Body<Object> body,
                                                                     CompletableFuture<Boolean> interruptLeft) {
        CompletableFuture<ProviderException> failure = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                runner.call(() -> false, body);
                failure.completeExceptionally(new AssertionError("the call did not fail"));
            } catch (ProviderException e) {
                interruptLeft.complete(Thread.currentThread().isInterrupted());
                failure.complete(e);
            }
        });
        return failure;
    }

    /** Steps the fake clock past the deadline and runs the watchdog until the call is over. */
    private void advanceUntilDone(CompletableFuture<?> done, long deadlineMs) throws InterruptedException {
        while (!done.isDone()) {
            nowNs.addAndGet(TimeUnit.MILLISECONDS.toNanos(deadlineMs));
            watchdog.doWork(nowNs.get());
            Thread.sleep(1); // the call's thread needs a moment to wake and start its next attempt
        }
    }
}
