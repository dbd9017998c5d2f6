package dev.facecast.tts.inworld;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.facecast.media.audio.AudioFormat;
import dev.facecast.provider.Call;
import dev.facecast.provider.ErrorKind;
import dev.facecast.provider.ProviderPolicy;
import dev.facecast.tts.NativeRateSynthesizer;
import dev.facecast.tts.SpeechSink;
import dev.facecast.tts.TtsException;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Inworld's cloud TTS over HTTP streaming: {@code POST /tts/v1/voice:stream}, one request per
 * synthesis (per 2,000 characters, Inworld's limit), the answer newline-delimited JSON with one
 * audio chunk per line. Simpler than the WebSocket ({@link InworldTts}) and without its
 * connection state, at the price of a request per sentence. Asked for the consumer's rate, as the
 * WebSocket voice is.
 *
 * <p>Threading: syntheses run on their callers' threads, any number at once.
 */
public final class InworldHttpTts extends NativeRateSynthesizer {

    /** Inworld's limit for one request's text. */
    static final int MAX_REQUEST_CHARS = 2_000;

    private final InworldSettings settings;
    private final InworldReplies replies = new InworldReplies(new ObjectMapper());
    private final InworldRequests requests;
    private final HttpClient http;

    public InworldHttpTts(InworldSettings settings, ProviderPolicy policy) {
        super("inworld-http", InworldFormats.DEFAULT, policy);
        this.settings = settings;
        this.requests = new InworldRequests(new ObjectMapper(), settings);
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(Math.max(1, policy.connectTimeoutMs()))).build();
    }

    @Override
    protected AudioFormat formatFor(AudioFormat output) {
        return InworldFormats.formatFor(output);
    }

    @Override
    protected void synthesizeNative(String text, SpeechSink sink, Call call) throws Throwable {
        synthesizeNative(text, InworldFormats.DEFAULT, sink, call);
    }

    @Override
    protected void synthesizeNative(String text, AudioFormat format, SpeechSink sink, Call call) throws Throwable {
        ChunkDelivery delivery = new ChunkDelivery(format, sink, call);
        List<String> pieces = TextPieces.split(text, MAX_REQUEST_CHARS);
        for (int i = 0; i < pieces.size() && !call.getAsBoolean(); i++) {
            if (i > 0) {
                delivery.nextRequest();
            }
            request(pieces.get(i), format, delivery, call);
        }
    }

    private void request(String text, AudioFormat format, ChunkDelivery delivery, Call call) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(settings.httpStreamUri())
                .header("Authorization", "Basic " + settings.apiKey())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(requests.streamBody(text, format.sampleRateHz()))).build();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            call.closeOnAbort(body); // a stalled stream blocks in read: closing it wakes the reader
            call.connected();
            if (response.statusCode() != 200) {
                String detail = new String(body.readNBytes(300), StandardCharsets.UTF_8).replaceAll("\\s+", " ");
                throw new TtsException(ErrorKind.ofHttpStatus(response.statusCode()),
                        "Inworld refused the request: HTTP " + response.statusCode() + " " + detail, null);
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
            for (String line; !call.getAsBoolean() && (line = lines.readLine()) != null; ) {
                if (line.isBlank()) {
                    continue;
                }
                switch (replies.readStreamLine(line)) {
                    case InworldEvent.Audio audio -> delivery.deliver(audio);
                    case InworldEvent.Failed failed -> throw new TtsException(failed.kind(), failed.message(), null);
                    default -> call.progress();
                }
            }
        }
    }

    @Override
    protected void releaseEngine() {
        http.shutdownNow();
    }
}
