package dev.facecast.fakevendors.inworld;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.facecast.fakevendors.FakeVoice;
import io.javalin.http.Context;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Inworld's HTTP streaming endpoint, {@code POST /tts/v1/voice:stream} (docs.inworld.ai "Synthesize
 * speech stream"): the body names {@code text} (at most 2,000 characters), {@code voiceId},
 * {@code modelId}, {@code audioConfig{audioEncoding, sampleRateHertz}} and {@code timestampType},
 * in camelCase or snake_case as working clients send them; the answer is newline-delimited JSON,
 * {@code {"result":{"audioContent","timestampInfo"}}} per chunk. The knobs apply as on the WebSocket.
 */
final class FakeInworldHttpStream {

    static final String PATH = "/tts/v1/voice:stream";
    private static final int MAX_TEXT_CHARS = 2_000;

    private final FakeInworld vendor;
    private final CountDownLatch stopping;

    FakeInworldHttpStream(FakeInworld vendor, CountDownLatch stopping) {
        this.vendor = vendor;
        this.stopping = stopping;
    }

    void handle(Context ctx) throws IOException {
        String authorization = ctx.header("Authorization");
        if (authorization == null || !authorization.startsWith("Basic ") || authorization.substring(6).isBlank()) {
            refuse(ctx, 401, 16, "missing or empty Basic credentials");
            return;
        }
        InworldKnobs knobs = vendor.knobs();
        if (knobs.refuseUpgradeStatus() != 0) {
            refuse(ctx, knobs.refuseUpgradeStatus(), 8, "refused by the fake's knob");
            return;
        }
        JsonNode body;
        try {
            body = vendor.json().readTree(ctx.body());
        } catch (IOException e) {
            refuse(ctx, 400, 3, "the body is not JSON");
            return;
        }
        String text = field(body, "text", "text").asText("");
        JsonNode audioConfig = field(body, "audioConfig", "audio_config");
        int sampleRateHz = field(audioConfig, "sampleRateHertz", "sample_rate_hertz").asInt(48_000);
        String encoding = field(audioConfig, "audioEncoding", "audio_encoding").asText("LINEAR16");
        if (text.isBlank() || text.length() > MAX_TEXT_CHARS) {
            refuse(ctx, 400, 3, "text must be 1.." + MAX_TEXT_CHARS + " characters");
            return;
        }
        if (sampleRateHz < 8_000 || sampleRateHz > 48_000 || !(encoding.equals("LINEAR16") || encoding.equals("PCM"))) {
            refuse(ctx, 400, 3, "the fake speaks LINEAR16 or PCM at 8000..48000 Hz");
            return;
        }
        boolean wordTimestamps = field(body, "timestampType", "timestamp_type").asText("").equals("WORD");
        // The headers go at once, as a streaming server's do; the audio follows when it is made.
        ctx.res().setContentType("application/x-ndjson");
        OutputStream out = ctx.res().getOutputStream(); // the servlet's own: flush means sent, nothing buffers for compression
        out.flush();
        FakeVoice.Utterance utterance = vendor.voice().speak(text, sampleRateHz);
        if (pause(knobs.firstAudioDelayMs())) {
            return;
        }
        if (knobs.garbage()) {
            write(out, "<html>502 Bad Gateway</html>");
            return;
        }
        InworldChunks chunks = new InworldChunks(utterance, knobs.chunkMs(), encoding.equals("LINEAR16"), wordTimestamps, text);
        for (int index = 0; index < chunks.count(); index++) {
            if (index == knobs.stallAfterChunks()) {
                pause(Long.MAX_VALUE); // nothing more, nothing closed, until the client gives up or the fake stops
                return;
            }
            if (index > 0 && pause(knobs.chunkGapMs())) {
                return;
            }
            ObjectNode line = vendor.json().createObjectNode();
            line.set("result", chunks.chunk(index, vendor.json().createObjectNode()));
            write(out, line.toString());
        }
    }

    /** Inworld's error body: {"code":n,"message":".."} (gRPC status code and text). */
    private void refuse(Context ctx, int status, int code, String message) {
        ctx.status(status).contentType("application/json")
                .result(vendor.json().createObjectNode().put("code", code).put("message", message).toString());
    }

    private static void write(OutputStream out, String line) throws IOException {
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** True when the fake stops meanwhile. */
    private boolean pause(long ms) {
        try {
            return ms > 0 && stopping.await(ms, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private static JsonNode field(JsonNode node, String camel, String snake) {
        return node.has(camel) ? node.get(camel) : node.path(snake);
    }
}
