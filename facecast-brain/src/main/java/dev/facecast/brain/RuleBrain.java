package dev.facecast.brain;

import dev.facecast.provider.Call;
import dev.facecast.provider.ProviderPolicy;

import java.time.Clock;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The offline default: a few rules with a little personality. Greets, says its name, tells
 * the time, explains what it is, says goodbye, and otherwise talks helpfully about itself.
 */
public final class RuleBrain extends StreamingBrain {

    private final String agentName;
    private final Clock clock;

    public RuleBrain(String agentName, Clock clock) {
        this(agentName, clock, ProviderPolicy.LOCAL);
    }

    public RuleBrain(String agentName, Clock clock, ProviderPolicy policy) {
        super("rules", policy);
        this.agentName = agentName;
        this.clock = clock;
    }

    @Override
    protected void stream(List<ChatTurn> history, Consumer<String> text, Call call) {
        call.connected();
        String said = history.isEmpty() ? "" : history.getLast().text().toLowerCase(Locale.ROOT);
        for (String sentence : answer(said)) {
            if (call.getAsBoolean()) {
                return;
            }
            text.accept(sentence + " "); // the space ends the sentence at once for the splitter
        }
    }

    private List<String> answer(String said) {
        if (matches(said, "stop", "goodbye", "bye", "see you", "that's all")) {
            return List.of("Alright, I'll stop here.", "Goodbye, and thanks for talking with me!");
        }
        if (matches(said, "your name", "who are you", "what are you called")) {
            return List.of("I'm " + agentName + ".", "I'm a talking head that runs entirely on this server.");
        }
        if (matches(said, "time")) {
            String now = LocalTime.now(clock).format(DateTimeFormatter.ofPattern("h:mm a", Locale.ENGLISH));
            return List.of("It's " + now + " here.", "Anything else I can help with?");
        }
        if (matches(said, "what is this", "what can you do", "how do you work", "what are you")) {
            return List.of("I'm an avatar agent.", "I listen to you, think of a reply, and answer with a voice and a face.",
                    "Everything runs offline on this machine: speech recognition, my voice and my face.");
        }
        if (matches(said, "hello", "hi ", "hi,", "hey", "good morning", "good evening") || said.equals("hi")) {
            return List.of("Hello there!", "I'm " + agentName + ". What would you like to talk about?");
        }
        if (matches(said, "thank")) {
            return List.of("You're welcome!", "It's a pleasure to help.");
        }
        return List.of("That's interesting.", "I'm a simple local agent, so I can tell you the time, my name, "
                + "or what I am.", "Connect me to a language model for real answers.");
    }

    private static boolean matches(String said, String... phrases) {
        for (String phrase : phrases) {
            if (said.contains(phrase)) {
                return true;
            }
        }
        return false;
    }
}
