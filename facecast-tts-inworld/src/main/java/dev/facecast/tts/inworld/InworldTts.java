package dev.facecast.tts.inworld;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.facecast.media.audio.AudioFormat;
import dev.facecast.provider.Call;
import dev.facecast.provider.ErrorKind;
import dev.facecast.provider.ProviderPolicy;
import dev.facecast.tts.NativeRateSynthesizer;
import dev.facecast.tts.SpeechSink;
import dev.facecast.tts.TtsException;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Inworld's cloud TTS over its bidirectional WebSocket. Each synthesis is one context on the
 * process's one connection: {@code create} at exactly the rate the consumer asked for (Inworld
 * makes 8..48 kHz, so no resampler is ever made for mono), the text in pieces of at most 1,000
 * characters with a flush on the last, audio and phones until {@code flushCompleted}, then
 * {@code close_context}. A cancelled call (barge-in) or a missed deadline closes its context at
 * once, which stops the vendor's audio for it.
 *
 * <p>Threading: syntheses run on their callers' threads, up to the connection's context limit at
 * once (further calls wait, under the connect deadline).
 */
public final class InworldTts extends NativeRateSynthesizer {

    private final InworldSettings settings;
    private final Duration connectTimeout;
    private final ObjectMapper json = new ObjectMapper();
    private final InworldReplies replies = new InworldReplies(json);
    private final InworldRequests requests;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ReentrantLock connecting = new ReentrantLock();
    private final AtomicLong contexts = new AtomicLong();
    private InworldConnection connection; // guarded by connecting

    public InworldTts(InworldSettings settings) {
        this(settings, ProviderPolicy.DEFAULTS);
    }

    public InworldTts(InworldSettings settings, ProviderPolicy policy) {
        super("inworld", InworldFormats.DEFAULT, policy);
        this.settings = settings;
        this.connectTimeout = Duration.ofMillis(Math.max(1, policy.connectTimeoutMs()));
        this.requests = new InworldRequests(json, settings);
    }

    /** Inworld makes any mono rate from 8 to 48 kHz itself: asked for one, it makes exactly that. */
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
        InworldConnection shared = connection();
        try (InworldContext context = shared.open("facecast-" + contexts.incrementAndGet(), requests)) {
            call.closeOnAbort(context);
            context.send(requests.create(context.id(), format.sampleRateHz()));
            List<String> pieces = TextPieces.split(text, TextPieces.MAX_SEND_TEXT_CHARS);
            for (int i = 0; i < pieces.size(); i++) {
                context.send(requests.sendText(context.id(), pieces.get(i), i == pieces.size() - 1));
            }
            receive(context, format, sink, call);
        }
    }

    /** Until the flush completes: audio and phones to the sink, failures thrown with their kind. */
    private static void receive(InworldContext context, AudioFormat format, SpeechSink sink, Call call)
            throws InterruptedException {
        ChunkDelivery delivery = new ChunkDelivery(format, sink, call);
        while (!call.getAsBoolean()) {
            switch (context.next()) {
                case InworldEvent.Created created -> call.connected();
                case InworldEvent.Audio audio -> delivery.deliver(audio);
                case InworldEvent.FlushCompleted done -> {
                    return;
                }
                case InworldEvent.Closed closed -> {
                    if (!call.getAsBoolean()) {
                        throw new TtsException(ErrorKind.PROTOCOL, "Inworld closed the context before its flush completed", null);
                    }
                    return;
                }
                case InworldEvent.Failed failed -> throw new TtsException(failed.kind(), failed.message(), null);
            }
        }
    }

    /** The shared connection, opened again when the last one was lost. */
    private InworldConnection connection() throws InterruptedException {
        connecting.lockInterruptibly();
        try {
            if (isClosed()) {
                throw new TtsException(ErrorKind.UNAVAILABLE, "inworld is closed", null);
            }
            if (connection == null || !connection.isOpen()) {
                connection = InworldConnection.connect(http, settings, replies, connectTimeout);
            }
            return connection;
        } finally {
            connecting.unlock();
        }
    }

    @Override
    protected void releaseEngine() {
        connecting.lock();
        try {
            if (connection != null) {
                connection.close();
            }
        } finally {
            connecting.unlock();
        }
        http.shutdownNow();
    }
}
