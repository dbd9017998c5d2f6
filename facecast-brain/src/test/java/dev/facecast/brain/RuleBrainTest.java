package dev.facecast.brain;

import dev.facecast.provider.ProviderPolicy;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("unit")
class RuleBrainTest extends BrainConformance {

    private static final Clock NOON = Clock.fixed(Instant.parse("2026-01-01T12:05:00Z"), ZoneOffset.UTC);

    @Override
    protected Brain create(ProviderPolicy policy) {
        return new RuleBrain("Ava", NOON, policy);
    }

    @Test
    void shouldGreetNameTellTimeAndSayGoodbyeByRule() {
        assertThat(said("hello")).contains("Hello");
        assertThat(said("what's your name?")).contains("Ava");
        assertThat(said("what time is it")).contains("12:05 PM");
        assertThat(said("goodbye")).contains("Goodbye");
        assertThat(said("tell me about quantum gravity")).isNotBlank();
    }

    private String said(String userText) {
        return String.join(" ", reply(brain(), List.of(ChatTurn.user(userText))));
    }
}
