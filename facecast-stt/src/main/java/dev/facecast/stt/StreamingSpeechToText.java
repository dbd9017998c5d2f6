package dev.facecast.stt;

import dev.facecast.media.audio.AudioFormat;
import dev.facecast.provider.Call;
import dev.facecast.provider.CallRunner;
import dev.facecast.provider.ErrorKind;
import dev.facecast.provider.ProviderMeters;
import dev.facecast.provider.ProviderPolicy;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The base of every recogniser: a vendor implements {@link #openStream} and this class owns
 * the rest. Opening a stream runs under the policy's connect deadline, retried with backoff
 * (no audio has gone in yet); each audio step and flush runs under the between-outputs
 * deadline and is never retried (the audio has gone); failures become {@link SttException}s
 * with an error kind; closing the recogniser closes its streams; time to first result (from
 * the first audio of an utterance to its first partial or final) is metered.
 *
 * <p>Threading: streams open from any thread; each is fed from one thread at a time.
 */
public abstract class StreamingSpeechToText implements SpeechToText {

    private final String name;
    private final AudioFormat inputFormat;
    private final CallRunner runner;
    private final Set<GuardedTranscriber> open = ConcurrentHashMap.newKeySet();

    protected StreamingSpeechToText(String name, AudioFormat inputFormat, ProviderPolicy policy) {
        this.name = name;
        this.inputFormat = inputFormat;
        this.runner = new CallRunner(name, policy, SttException.class, SttException::new);
    }

    /**
     * Opens one recognition stream reporting to {@code listener}, the one method a vendor
     * implements. Report {@link Call#connected()} once the stream is up; register what a
     * blocked connect waits on with {@link Call#closeOnAbort}. The stream may call the listener
     * from {@link Transcriber#accept} and {@link Transcriber#flush}; the base guards it.
     */
    protected abstract Transcriber openStream(TranscriptListener listener, Call call) throws Throwable;

    /** Releases the model, once, after every stream was closed. Nothing by default. */
    protected void releaseEngine() {
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final AudioFormat inputFormat() {
        return inputFormat;
    }

    @Override
    public final ProviderMeters meters() {
        return runner.meters();
    }

    @Override
    public final Transcriber open(TranscriptListener listener) {
        GuardedTranscriber stream = new GuardedTranscriber(runner, listener, open::remove);
        try {
            runner.call(() -> false, call -> {
                stream.attach(openStream(stream.guardedListener(), call));
                return null;
            });
        } catch (RuntimeException | Error failure) {
            stream.close(); // an attempt that opened a stream and then timed out leaves it attached
            throw failure;
        }
        open.add(stream);
        if (runner.isClosed() || !stream.isAttached()) { // closed while opening
            stream.close();
            throw runner.failure(ErrorKind.UNAVAILABLE, name + " is closed", null);
        }
        return stream;
    }

    @Override
    public final void close() {
        if (runner.close()) {
            open.forEach(GuardedTranscriber::close);
            releaseEngine();
        }
    }
}
