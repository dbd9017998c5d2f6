package dev.facecast.tts.inworld;

import dev.facecast.fakevendors.FakeVendorServer;
import dev.facecast.fakevendors.inworld.InworldKnobs;
import dev.facecast.media.audio.AudioFormat;
import dev.facecast.provider.ErrorKind;
import dev.facecast.provider.ProviderPolicy;
import dev.facecast.tts.CollectedSpeech;
import dev.facecast.tts.TtsException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.URI;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each way the fake Inworld misbehaves gives one clear error, and the same voice speaks again afterwards. */
@Tag("unit")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class InworldFailuresTest {

    private static final String SENTENCE = "Hello there, I am your avatar.";
    /** Short deadlines so a stall or a slow vendor fails fast; one quick retry for what may pass on a second try. */
    private static final ProviderPolicy POLICY = ProviderPolicy.DEFAULTS.withTimeoutsMs(2_000, 1_000, 400).withRetries(2, 10);

    private final FakeVendorServer vendors = FakeVendorServer.start(0);
    /** A new voice per test, so each starts without a connection (refusals happen when connecting). */
    private InworldTts tts;

    enum Misbehaviour {
        KEY_REFUSED(knobs -> knobs.refuseUpgrades(401), ErrorKind.AUTH, "HTTP 401"),
        RATE_LIMITED(knobs -> knobs.refuseUpgrades(429), ErrorKind.RATE_LIMITED, "HTTP 429"),
        GARBAGE(knobs -> knobs.garbage(true), ErrorKind.PROTOCOL, "not JSON"),
        STALLED_MID_STREAM(knobs -> knobs.stallAfterChunks(2), ErrorKind.TIMEOUT, "no output for 400 ms"),
        TOO_SLOW(knobs -> knobs.firstAudioDelayMs(3_000), ErrorKind.TIMEOUT, "no first output"),
        NO_CONTEXTS_LEFT(knobs -> knobs.maxContexts(0), ErrorKind.RATE_LIMITED, "max contexts limit reached");

        final Consumer<InworldKnobs> knob;
        final ErrorKind kind;
        final String saying;

        Misbehaviour(Consumer<InworldKnobs> knob, ErrorKind kind, String saying) {
            this.knob = knob;
            this.kind = kind;
            this.saying = saying;
        }
    }

    @BeforeEach
    void newVoice() {
        tts = new InworldTts(InworldSettings.of(URI.create(vendors.inworldBaseUrl()), "test-key"), POLICY);
    }

    @AfterEach
    void behaveAgain() {
        tts.close();
        vendors.inworld().reset();
    }

    @AfterAll
    void stop() {
        vendors.close();
    }

    @ParameterizedTest
    @EnumSource(Misbehaviour.class)
    void shouldFailWithAClearErrorAndSpeakAgainOnceTheVendorBehaves(Misbehaviour misbehaviour) {
        misbehaviour.knob.accept(vendors.inworld().knobs());

        assertThatThrownBy(() -> speak(AudioFormat.mono(24_000)))
                .isInstanceOfSatisfying(TtsException.class, e -> {
                    assertThat(e.kind()).isEqualTo(misbehaviour.kind);
                    assertThat(e.getMessage()).contains(misbehaviour.saying);
                });
        vendors.inworld().reset();

        assertThat(speak(AudioFormat.mono(24_000)).audioMs()).isGreaterThan(300);
    }

    @Test
    void shouldRetryARefusalThatMayPassAndNotOneThatWillNot() {
        long retriesBefore = tts.meters().retries();
        vendors.inworld().knobs().refuseUpgrades(429);
        assertThatThrownBy(() -> speak(AudioFormat.mono(24_000))).isInstanceOf(TtsException.class);
        assertThat(tts.meters().retries()).isEqualTo(retriesBefore + 1);

        vendors.inworld().knobs().refuseUpgrades(401);
        assertThatThrownBy(() -> speak(AudioFormat.mono(24_000))).isInstanceOf(TtsException.class);
        assertThat(tts.meters().retries()).isEqualTo(retriesBefore + 1);
    }

    @Test
    void shouldCloseTheContextOfAStalledStream() throws InterruptedException {
        vendors.inworld().knobs().stallAfterChunks(1);

        assertThatThrownBy(() -> speak(AudioFormat.mono(16_000))).isInstanceOf(TtsException.class);

        // audio had reached the consumer, so no second attempt: one context, closed on the vendor's side
        assertThat(vendors.inworld().awaitReceived("\"close_context\"", 1, 2_000)).isEqualTo(1);
        assertThat(vendors.inworld().openContexts()).isZero();
    }

    @Test
    void shouldTellTheVendorsContextLimitFromItsOwn() throws Exception {
        vendors.inworld().knobs().maxContexts(1).stallAfterChunks(1);
        InworldTts patient = new InworldTts(InworldSettings.of(URI.create(vendors.inworldBaseUrl()), "test-key"),
                ProviderPolicy.DEFAULTS.withTimeoutsMs(5_000, 5_000, 20_000).withRetries(1, 0));
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch released = new CountDownLatch(1);
        Thread holder = Thread.ofVirtual().start(() -> patient.synthesize(SENTENCE, AudioFormat.mono(16_000),
                chunk -> holding.countDown(), () -> released.getCount() == 0));
        try {
            assertThat(holding.await(5, TimeUnit.SECONDS)).isTrue();

            assertThatThrownBy(() -> patient.synthesize(SENTENCE, AudioFormat.mono(16_000), new CollectedSpeech(), () -> false))
                    .isInstanceOfSatisfying(TtsException.class, e -> {
                        assertThat(e.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
                        assertThat(e.getMessage()).contains("max contexts limit reached");
                    });
        } finally {
            released.countDown();
            holder.join(5_000);
            patient.close();
        }
    }

    private CollectedSpeech speak(AudioFormat format) {
        CollectedSpeech speech = new CollectedSpeech();
        tts.synthesize(SENTENCE, format, speech, () -> false);
        return speech;
    }
}
