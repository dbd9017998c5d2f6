package dev.facecast.session;

import dev.facecast.brain.Brain;
import dev.facecast.brain.ChatTurn;
import dev.facecast.brain.RuleBrain;
import dev.facecast.tts.freetts.FreeTtsSynthesizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/** The conversation's events on a manual clock, with the real voice and brain: typed turns, say, cancellation. */
@Tag("unit")
class ConversationTest {

    private static final Brain AVA = new RuleBrain("Ava", Clock.fixed(Instant.parse("2026-01-01T12:00:00Z"), ZoneOffset.UTC));
    private static FreeTtsSynthesizer tts;

    @BeforeAll
    static void start() {
        tts = new FreeTtsSynthesizer(1);
    }

    @AfterAll
    static void stop() {
        tts.close();
    }

    @Test
    void shouldAnswerTypedTextAndMeasureTheTurnOnTheClock() {
        ConversationHarness harness = new ConversationHarness(tts, AVA, null);
        harness.conversation.onUserText("What is your name?");
        harness.runUntil(() -> harness.turns().size() >= 2, 20_000);

        TranscriptTurn user = harness.turns().get(0);
        TranscriptTurn agent = harness.turns().get(1);
        assertThat(user.role()).isEqualTo("user");
        assertThat(agent.role()).isEqualTo("agent");
        assertThat(agent.text()).contains("Ava");
        assertThat(agent.interrupted()).isFalse();
        assertThat(agent.playedMs()).isPositive();
        // Synthesis runs inline and the same tick plays the first audio: no time passes on the clock.
        assertThat(harness.conversation.stats().turnLatenciesMs()).containsExactly(0L);
        assertThat(agent.endMs() - agent.startMs()).isBetween(agent.playedMs(), agent.playedMs() + 20);
        assertThat(harness.conversation.state()).isEqualTo(AgentState.LISTENING);
    }

    @Test
    void shouldGoFromThinkingToSpeakingToListening() {
        ConversationHarness harness = new ConversationHarness(tts, AVA, null);
        List<AgentState> states = new ArrayList<>();
        harness.conversation.onStateChange(states::add);

        harness.conversation.say("Hello there.");
        harness.conversation.handleQueued();
        AgentState queued = harness.conversation.state();
        harness.runUntil(() -> harness.turns().size() == 1, 10_000);

        assertThat(queued).isEqualTo(AgentState.THINKING);
        assertThat(states).containsExactly(AgentState.THINKING, AgentState.SPEAKING, AgentState.LISTENING);
    }

    @Test
    void shouldSettleEveryCancelledReplyAndReturnToListening() {
        ConversationHarness harness = new ConversationHarness(tts, AVA, null);
        harness.conversation.say("This is a long announcement that goes on for a while, so there is time to cut it.");
        harness.conversation.say("And this one was never heard.");
        harness.runUntil(() -> harness.conversation.state() == AgentState.SPEAKING, 1_000);
        harness.run(500);

        harness.conversation.cancelReplies();
        harness.run(100);

        assertThat(harness.turns()).extracting(TranscriptTurn::text, TranscriptTurn::interrupted).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("This is a long announcement that goes on for a while, so there is time to cut it.", true),
                org.assertj.core.groups.Tuple.tuple("And this one was never heard.", true));
        assertThat(harness.turns()).filteredOn(turn -> turn.text().startsWith("And")).singleElement()
                .satisfies(turn -> assertThat(turn.playedMs()).isZero());
        assertThat(harness.turns()).filteredOn(turn -> turn.text().startsWith("This")).singleElement()
                .satisfies(turn -> assertThat(turn.playedMs()).isBetween(490L, 520L));
        assertThat(harness.conversation.state()).isEqualTo(AgentState.LISTENING);
        assertThat(harness.agent.stats().speechMsPushed()).isBetween(490L, 520L);
    }

    @Test
    void shouldSettleAReplyCancelledBeforeItWasEverHeard() {
        ConversationHarness harness = new ConversationHarness(tts, AVA, null);
        harness.conversation.say("Never heard.");
        harness.conversation.handleQueued();

        harness.conversation.cancelReplies();
        harness.run(300);

        assertThat(harness.turns()).singleElement().satisfies(turn -> {
            assertThat(turn.interrupted()).isTrue();
            assertThat(turn.playedMs()).isZero();
        });
        assertThat(harness.conversation.state()).isEqualTo(AgentState.LISTENING);
        assertThat(harness.agent.stats().speechMsPushed()).isZero();
    }

    @Test
    void shouldShowTheBrainOnlyTheLatestTurns() {
        List<Integer> contextSizes = new ArrayList<>();
        Brain silent = new Brain() {
            @Override
            public String name() {
                return "silent";
            }

            @Override
            public void reply(List<ChatTurn> history, Consumer<String> sentences, BooleanSupplier cancelled) {
                contextSizes.add(history.size());
                sentences.accept("Yes.");
            }
        };
        ConversationHarness harness = new ConversationHarness(tts, silent, null);
        for (int turn = 1; turn <= 25; turn++) {
            int expected = 2 * turn;
            harness.conversation.onUserText("message " + turn);
            harness.runUntil(() -> harness.turns().size() >= expected, 5_000);
        }

        assertThat(contextSizes).hasSize(25);
        assertThat(contextSizes.getFirst()).isEqualTo(1);
        assertThat(contextSizes.getLast()).isEqualTo(Conversation.HISTORY_TURNS);
    }
}
