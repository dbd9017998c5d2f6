package dev.facecast.brain;

import dev.facecast.provider.ErrorKind;
import dev.facecast.provider.ProviderPolicy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every brain must do. A brain's test extends this and says how to make one that
 * answers a greeting with at least two sentences:
 * <pre>{@code
 * class MyBrainTest extends BrainConformance {
 *     protected Brain create(ProviderPolicy policy) { return new MyBrain(policy); }
 * }
 * }</pre>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
public abstract class BrainConformance {

    protected static final List<ChatTurn> GREETING = List.of(ChatTurn.user("hello"));

    private Brain brain;

    /** A new brain under test, running its replies under {@code policy}. */
    protected abstract Brain create(ProviderPolicy policy);

    protected final Brain brain() {
        return brain;
    }

    /** The sentences of a reply to {@code history} by {@code brain}. */
    protected static List<String> reply(Brain brain, List<ChatTurn> history) {
        List<String> sentences = new ArrayList<>();
        brain.reply(history, sentences::add, () -> false);
        return sentences;
    }

    @BeforeAll
    final void openBrain() {
        brain = create(ProviderPolicy.DEFAULTS);
    }

    @AfterAll
    final void closeBrain() {
        brain.close();
    }

    @Test
    void shouldStreamWholeSentences() {
        long firstSentencesBefore = brain.meters().timeToFirstOutput().count();

        List<String> sentences = reply(brain, GREETING);

        assertThat(sentences).hasSizeGreaterThanOrEqualTo(2);
        assertThat(sentences).allSatisfy(sentence -> assertThat(sentence).isNotBlank().isEqualTo(sentence.strip()));
        assertThat(brain.meters().timeToFirstOutput().count()).isEqualTo(firstSentencesBefore + 1);
    }

    @Test
    void shouldStopWhenCancelled() {
        List<String> sentences = new ArrayList<>();

        brain.reply(GREETING, sentences::add, () -> !sentences.isEmpty());

        assertThat(sentences).hasSize(1);
    }

    @Test
    void shouldFailWithTheKindOfTheFailure() {
        try (Brain starved = create(ProviderPolicy.DEFAULTS.withTimeoutsMs(0, 0, 0).withRetries(1, 0))) {
            List<String> sentences = new ArrayList<>();

            assertThatThrownBy(() -> starved.reply(GREETING, sentences::add, () -> false))
                    .isInstanceOfSatisfying(BrainException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.TIMEOUT));
            assertThat(sentences).isEmpty();
            assertThat(starved.meters().failures(ErrorKind.TIMEOUT)).isEqualTo(1);
        }
    }

    @Test
    void shouldStopQuietlyWhenClosedWhileReplyingAndCloseIdempotently() {
        Brain closing = create(ProviderPolicy.DEFAULTS);
        List<String> sentences = new ArrayList<>();

        closing.reply(GREETING, sentence -> {
            sentences.add(sentence);
            closing.close();
        }, () -> false);
        closing.close();

        assertThat(sentences).hasSize(1);
        assertThatThrownBy(() -> closing.reply(GREETING, sentences::add, () -> false))
                .isInstanceOfSatisfying(BrainException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE));
    }
}
