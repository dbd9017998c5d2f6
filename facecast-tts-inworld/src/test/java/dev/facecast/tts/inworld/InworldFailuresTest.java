package dev.facecast.tts.inworld;

import dev.facecast.fakevendors.FakeVendorServer;
import dev.facecast.fakevendors.inworld.InworldKnobs;
import dev.facecast.media.audio.AudioFormat;
import dev.facecast.provider.ErrorKind;
import dev.facecast.provider.ProviderPolicy;
import dev.facecast.tts.CollectedSpeech;
import dev.facecast.tts.SpeechSynthesizer;
import dev.facecast.tts.TtsException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URI;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each way the fake Inworld misbehaves gives one clear error, on the WebSocket and on the HTTP
 * stream alike, and the same voice speaks again afterwards.
 */
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

    /** Inworld's two ways in: the WebSocket (what sessions use) and the HTTP stream. */
    enum Transport {
        WEBSOCKET, HTTP;

        SpeechSynthesizer create(FakeVendorServer vendors) {
            InworldSettings settings = InworldSettings.of(URI.create(vendors.inworldBaseUrl()), "test-key");
            return this == WEBSOCKET ? new InworldTts(settings, POLICY) : new InworldHttpTts(settings, POLICY);
        }
    }

    enum Misbehaviour {
        KEY_REFUSED(knobs -> knobs.refuseUpgrades(401), ErrorKind.AUTH, "HTTP 401", false),
        RATE_LIMITED(knobs -> knobs.refuseUpgrades(429), ErrorKind.RATE_LIMITED, "HTTP 429", false),
        GARBAGE(knobs -> knobs.garbage(true), ErrorKind.PROTOCOL, "not JSON", false),
        STALLED_MID_STREAM(knobs -> knobs.stallAfterChunks(2), ErrorKind.TIMEOUT, "no output for 400 ms", false),
        TOO_SLOW(knobs -> knobs.firstAudioDelayMs(3_000), ErrorKind.TIMEOUT, "no first output", false),
        NO_CONTEXTS_LEFT(knobs -> knobs.maxContexts(0), ErrorKind.RATE_LIMITED, "max contexts limit reached", true);

        final Consumer<InworldKnobs> knob;
        final ErrorKind kind;
        final String saying;
        final boolean webSocketOnly;

        Misbehaviour(Consumer<InworldKnobs> knob, ErrorKind kind, String saying, boolean webSocketOnly) {
            this.knob = knob;
            this.kind = kind;
            this.saying = saying;
            this.webSocketOnly = webSocketOnly;
        }
    }

    static Stream<Arguments> misbehaviours() {
        return Stream.of(Transport.values()).flatMap(transport -> Stream.of(Misbehaviour.values())
                .filter(misbehaviour -> transport == Transport.WEBSOCKET || !misbehaviour.webSocketOnly)
                .map(misbehaviour -> Arguments.of(transport, misbehaviour)));
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

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("misbehaviours")
    void shouldFailWithAClearErrorAndSpeakAgainOnceTheVendorBehaves(Transport transport, Misbehaviour misbehaviour) {
        try (SpeechSynthesizer voice = transport.create(vendors)) {
            misbehaviour.knob.accept(vendors.inworld().knobs());

            assertThatThrownBy(() -> speak(voice, AudioFormat.mono(24_000)))
                    .isInstanceOfSatisfying(TtsException.class, e -> {
                        assertThat(e.kind()).isEqualTo(misbehaviour.kind);
                        assertThat(e.getMessage()).contains(misbehaviour.saying);
                    });
            vendors.inworld().reset();

            assertThat(speak(voice, AudioFormat.mono(24_000)).audioMs()).isGreaterThan(300);
        }
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
        assertThat(vendors.inworld().received()).filteredOn(m -> m.contains("\"create\"")).hasSize(1);
        assertThat(vendors.inworld().awaitCreatedContextsClosed(2_000)).isEmpty();
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
        return speak(tts, format);
    }

    private static CollectedSpeech speak(SpeechSynthesizer voice, AudioFormat format) {
        CollectedSpeech speech = new CollectedSpeech();
        voice.synthesize(SENTENCE, format, speech, () -> false);
        return speech;
    }
}
