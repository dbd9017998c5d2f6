package dev.facecast.tts.inworld;

import dev.facecast.fakevendors.FakeVendorServer;
import dev.facecast.media.audio.AudioFormat;
import dev.facecast.media.audio.PcmChunk;
import dev.facecast.provider.ProviderPolicy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Times through the fake Inworld on loopback, printed (the machine decides the numbers; the
 * assertions only bound them): first audio of a sentence, and a barge-in's reaction across the hop.
 */
@Tag("unit")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class InworldLatencyTest {

    private static final int RUNS = 8;
    private static final long MID_CHUNK_NS = TimeUnit.MILLISECONDS.toNanos(30);
    private static final String SENTENCE = "Hello there, I am your avatar, and this is how fast I start to speak.";

    private final FakeVendorServer vendors = FakeVendorServer.start(0);
    private final InworldTts tts = new InworldTts(InworldSettings.of(URI.create(vendors.inworldBaseUrl()), "test-key"),
            ProviderPolicy.DEFAULTS);

    @AfterAll
    void stop() {
        tts.close();
        vendors.close();
    }

    @Test
    void shouldStartSpeakingSoonAfterItIsAsked() {
        tts.synthesize("Warm up.", AudioFormat.mono(24_000), chunk -> { }, () -> false); // connects; the JIT warms
        double[] firstAudioMs = new double[RUNS];
        for (int run = 0; run < RUNS; run++) {
            long startNs = System.nanoTime();
            AtomicLong firstNs = new AtomicLong();
            tts.synthesize(SENTENCE, AudioFormat.mono(24_000), chunk -> firstNs.compareAndSet(0, System.nanoTime()), () -> false);
            firstAudioMs[run] = (firstNs.get() - startNs) / 1e6;
        }
        Arrays.sort(firstAudioMs);

        System.out.printf("inworld (fake, loopback, FreeTTS behind it) first audio at 24 kHz: p50 %.1f ms, max %.1f ms over %d sentences%n",
                firstAudioMs[RUNS / 2], firstAudioMs[RUNS - 1], RUNS);
        assertThat(firstAudioMs[RUNS / 2]).isLessThan(2_000);
    }

    @Test
    void shouldStopTheVendorSoonAfterABargeIn() throws InterruptedException {
        vendors.inworld().knobs().chunkGapMs(100); // the vendor streams in real time, so there is a reply to cut
        try {
            double[] toVendorMs = new double[RUNS];
            double[] toReturnMs = new double[RUNS];
            for (int run = 0; run < RUNS; run++) {
                long closesBefore = closes();
                AtomicLong bargeInNs = new AtomicLong();
                AtomicInteger chunksAfter = new AtomicInteger();
                AtomicInteger chunks = new AtomicInteger();
                tts.synthesize(SENTENCE, AudioFormat.mono(24_000), (PcmChunk chunk) -> {
                    if (bargeInNs.get() != 0) {
                        chunksAfter.incrementAndGet();
                    } else if (chunks.incrementAndGet() == 3) {
                        // The user speaks while the voice waits for its next chunk: the turn's cancelled flag
                        // turns true on another thread, as a session's barge-in does, and the watchdog notices.
                        Thread.ofVirtual().start(() -> {
                            LockSupport.parkNanos(MID_CHUNK_NS);
                            bargeInNs.set(System.nanoTime());
                        });
                    }
                }, () -> bargeInNs.get() != 0);
                long returnedNs = System.nanoTime();
                vendors.inworld().awaitReceived("\"close_context\"", closesBefore + 1, 2_000);
                String contextId = lastClosedContext();
                Long closedNs = vendors.inworld().closeReceivedNs(contextId);
                assertThat(closedNs).as("close_context of %s", contextId).isNotNull();
                toVendorMs[run] = (closedNs - bargeInNs.get()) / 1e6;
                toReturnMs[run] = (returnedNs - bargeInNs.get()) / 1e6;
                assertThat(chunksAfter).hasValue(0);
            }
            Arrays.sort(toVendorMs);
            Arrays.sort(toReturnMs);

            System.out.printf("inworld barge-in: close_context at the vendor p50 %.1f ms (max %.1f), synthesis returned p50 %.1f ms "
                    + "(max %.1f) after the cancel, no audio delivered after it, over %d replies%n",
                    toVendorMs[RUNS / 2], toVendorMs[RUNS - 1], toReturnMs[RUNS / 2], toReturnMs[RUNS - 1], RUNS);
            assertThat(toVendorMs[RUNS / 2]).isLessThan(200);
        } finally {
            vendors.inworld().knobs().reset();
        }
    }

    private long closes() {
        return vendors.inworld().received().stream().filter(message -> message.contains("\"close_context\"")).count();
    }

    private String lastClosedContext() {
        return vendors.inworld().received().stream()
                .filter(message -> message.contains("\"close_context\""))
                .map(message -> message.replaceAll(".*\"(facecast-\\d+)\".*", "$1"))
                .reduce((first, second) -> second).orElseThrow();
    }
}
