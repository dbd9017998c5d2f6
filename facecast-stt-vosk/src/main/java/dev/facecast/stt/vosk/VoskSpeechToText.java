package dev.facecast.stt.vosk;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.facecast.media.audio.AudioFormat;
import dev.facecast.provider.Call;
import dev.facecast.provider.ProviderPolicy;
import dev.facecast.stt.StreamingSpeechToText;
import dev.facecast.stt.Transcriber;
import dev.facecast.stt.TranscriptListener;
import org.vosk.LibVosk;
import org.vosk.LogLevel;
import org.vosk.Model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Vosk (Kaldi) with the small US English model, offline. The model loads once (about a
 * second) and is shared; each stream gets its own recogniser at 16 kHz. Decoding is native
 * and cannot be interrupted: a deadline that passes during a step is reported when it returns.
 */
public final class VoskSpeechToText extends StreamingSpeechToText {

    private static final AudioFormat INPUT = AudioFormat.mono(16_000);
    /** Default end-of-utterance silence: the model's own 0.5 s. */
    public static final int DEFAULT_END_OF_TURN_SILENCE_MS = 500;

    private final Model model;
    private final ObjectMapper json = new ObjectMapper();

    /**
     * @param cacheDir           where the model is unpacked once (see {@link #defaultCacheDir()})
     * @param endOfTurnSilenceMs trailing silence that ends an utterance, 100..5000 ms
     */
    public VoskSpeechToText(Path cacheDir, int endOfTurnSilenceMs) {
        this(cacheDir, endOfTurnSilenceMs, ProviderPolicy.LOCAL);
    }

    /**
     * @param cacheDir           where the model is unpacked once (see {@link #defaultCacheDir()})
     * @param endOfTurnSilenceMs trailing silence that ends an utterance, 100..5000 ms
     * @param policy             deadlines and retries of opening a stream and of each audio step
     */
    public VoskSpeechToText(Path cacheDir, int endOfTurnSilenceMs, ProviderPolicy policy) {
        super("vosk", INPUT, policy);
        if (endOfTurnSilenceMs < 100 || endOfTurnSilenceMs > 5_000) {
            throw new IllegalArgumentException("end-of-turn silence must be 100..5000 ms, not " + endOfTurnSilenceMs);
        }
        LibVosk.setLogLevel(LogLevel.WARNINGS);
        try {
            this.model = new Model(VoskModelCache.prepare(cacheDir, endOfTurnSilenceMs).toString());
        } catch (IOException e) {
            throw new UncheckedIOException("could not load the Vosk model: " + e.getMessage(), e);
        }
    }

    public static Path defaultCacheDir() {
        return VoskModelCache.defaultCacheDir();
    }

    @Override
    protected Transcriber openStream(TranscriptListener listener, Call call) {
        return new VoskTranscriber(model, INPUT, listener, json);
    }

    @Override
    protected void releaseEngine() {
        model.close();
    }
}
