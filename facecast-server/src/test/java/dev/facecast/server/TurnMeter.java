package dev.facecast.server;

import dev.facecast.testsupport.Browser;
import org.openqa.selenium.By;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The user's side of a spoken conversation in the demo page: {@code turn-meter.js} plays the
 * user's utterances into the page's microphone and times the agent's sound as the page
 * receives it, both on the page's AudioContext clock (seconds). One page, one test thread.
 */
final class TurnMeter {

    private final Browser browser;
    private final double outputLatencyMs;

    /** An utterance as played: where its speech started and ended. */
    record Spoken(double speechStartS, double speechEndS) {
    }

    /** A silence of the agent's: {@code endS} null while it lasts. */
    record Silence(double startS, Double endS) {
    }

    private TurnMeter(Browser browser, double outputLatencyMs) {
        this.browser = browser;
        this.outputLatencyMs = outputLatencyMs;
    }

    /**
     * Puts the meter in the page of a started conversation, turns the page's microphone on (the
     * meter's, in place of a device) and starts timing the session's sound.
     */
    static TurnMeter listening(Browser browser) throws IOException, InterruptedException {
        browser.script(script());
        Map<?, ?> installed = (Map<?, ?>) browser.asyncScript("""
                const done = arguments[arguments.length - 1];
                window.facecastTurns.install().then(done, (error) => done({error: String(error)}));
                """);
        if (installed.containsKey("error")) {
            throw new IllegalStateException("the turn meter could not start: " + installed.get("error"));
        }
        browser.driver().findElement(By.id("mic")).click();
        browser.waitFor("the microphone on", 20, () -> browser.script("return window.facecast.mic") != null);
        browser.waitFor("the session's audio track", 10, () -> ((Number) browser.script(
                "return window.facecast.stream.getAudioTracks().length")).intValue() > 0);
        browser.script("window.facecastTurns.listen(window.facecast.stream)");
        return new TurnMeter(browser, ((Number) installed.get("outputLatencyMs")).doubleValue());
    }

    /** How long after the meter's graph the page's sound is heard, as the AudioContext reports it. */
    double outputLatencyMs() {
        return outputLatencyMs;
    }

    /**
     * Plays {@code speech} into the microphone from {@code leadS} on (scheduled ahead, it starts
     * exactly then, whatever the script's round trip); returns when, on the page's clock, its
     * speech starts and ends.
     */
    Spoken play(UserSpeech speech, double leadS) {
        long index = (Long) browser.script("return window.facecastTurns.load(arguments[0], arguments[1])",
                speech.base64(), UserSpeech.MICROPHONE.sampleRateHz());
        double startS = number("return window.facecastTurns.play(arguments[0], arguments[1])", index, leadS);
        return new Spoken(startS + speech.speechStartMs() / 1000.0, startS + speech.speechEndMs() / 1000.0);
    }

    double nowS() {
        return number("return window.facecastTurns.nowS()");
    }

    /** Seconds since the agent's sound last fell; 0 while it sounds. */
    double quietS() {
        return number("return window.facecastTurns.quietS()");
    }

    /** The first rise of the agent's sound at or after {@code afterS}; null when none came. */
    Double firstRiseAfter(double afterS) {
        Object rise = browser.script("return window.facecastTurns.firstRiseAfter(arguments[0])", afterS);
        return rise == null ? null : ((Number) rise).doubleValue();
    }

    /** The first silence of {@code minimumS} or more that ends after {@code afterS}; null when none did. */
    Silence silenceAfter(double afterS, double minimumS) {
        Map<?, ?> silence = (Map<?, ?>) browser.script("return window.facecastTurns.silenceAfter(arguments[0], arguments[1])",
                afterS, minimumS);
        if (silence == null) {
            return null;
        }
        Object endS = silence.get("endS");
        return new Silence(((Number) silence.get("startS")).doubleValue(), endS == null ? null : ((Number) endS).doubleValue());
    }

    private double number(String javascript, Object... args) {
        return ((Number) browser.script(javascript, args)).doubleValue();
    }

    private static String script() throws IOException {
        try (InputStream in = TurnMeter.class.getResourceAsStream("turn-meter.js")) {
            if (in == null) {
                throw new IllegalStateException("turn-meter.js is missing from the test class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
