package dev.facecast.stt;

import dev.facecast.provider.CallRunner;

import java.util.function.Consumer;

/**
 * A vendor's stream as callers see it: each audio step and flush under the runner's deadline
 * and error mapping, nothing fed or reported after close, and time to first result metered.
 *
 * <p>Threading: one feeding thread; {@link #close()} from any thread. A close waits for an
 * audio step in progress (the vendor's native state must not be freed under it); a close
 * from the listener, inside a step, takes effect when the step returns.
 */
final class GuardedTranscriber implements Transcriber {

    private final CallRunner runner;
    private final TranscriptListener listener;
    private final Consumer<GuardedTranscriber> onClose;
    private final TranscriptListener guarded = new Guard();
    private Transcriber stream; // guarded by this
    private volatile boolean closed;
    private boolean stepping; // guarded by this
    private long lastAudioMs; // guarded by this: what audioMs() says once the stream is gone
    // The feeding thread's (results come on it, from inside a step):
    private boolean inUtterance;
    private boolean awaitingFirstResult;
    private long utteranceStartNs;

    GuardedTranscriber(CallRunner runner, TranscriptListener listener, Consumer<GuardedTranscriber> onClose) {
        this.runner = runner;
        this.listener = listener;
        this.onClose = onClose;
    }

    TranscriptListener guardedListener() {
        return guarded;
    }

    /** The vendor's stream of this attempt; one from an earlier, failed attempt is closed. */
    synchronized void attach(Transcriber opened) {
        if (stream != null) {
            stream.close();
        }
        stream = opened;
    }

    synchronized boolean isAttached() {
        return stream != null;
    }

    @Override
    public synchronized void accept(short[] samples, int frames) {
        if (closed || frames == 0) {
            return;
        }
        if (!inUtterance) {
            inUtterance = true;
            awaitingFirstResult = true;
            utteranceStartNs = System.nanoTime();
        }
        step(() -> stream.accept(samples, frames));
    }

    @Override
    public synchronized void flush() {
        if (!closed) {
            step(stream::flush);
        }
    }

    @Override
    public synchronized long audioMs() {
        return stream == null ? lastAudioMs : stream.audioMs();
    }

    @Override
    public void close() {
        closed = true; // first, outside the lock: the listener goes quiet even while a step runs
        synchronized (this) {
            if (!stepping) {
                release();
            }
        }
    }

    private void step(Runnable work) {
        stepping = true;
        try {
            runner.step(call -> {
                work.run();
                return null;
            });
        } finally {
            stepping = false;
            if (closed) {
                release();
            }
        }
    }

    private void release() {
        if (stream != null) {
            lastAudioMs = stream.audioMs();
            stream.close();
            stream = null;
            onClose.accept(this);
        }
    }

    /** Drops results after close and meters the first result of each utterance. */
    private final class Guard implements TranscriptListener {
        @Override
        public void onPartial(String text) {
            if (!closed) {
                recordFirstResult();
                listener.onPartial(text);
            }
        }

        @Override
        public void onFinal(String text, long endMs) {
            if (!closed) {
                recordFirstResult();
                inUtterance = false;
                listener.onFinal(text, endMs);
            }
        }

        private void recordFirstResult() {
            if (awaitingFirstResult) {
                awaitingFirstResult = false;
                runner.meters().timeToFirstOutput().record(System.nanoTime() - utteranceStartNs);
            }
        }
    }
}
