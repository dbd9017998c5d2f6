package dev.facecast.fakevendors.inworld;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.facecast.fakevendors.FakeVoice;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * One context of the fake Inworld: text gathered until a flush, then spoken on the context's
 * own (virtual) thread, flush after flush, as audio chunks and a {@code flushCompleted}. Closing
 * stops the audio at the next chunk: nothing of the context is sent after its {@code contextClosed}.
 */
final class FakeInworldContext {

    private final FakeInworld vendor;
    private final FakeInworldConnection connection;
    private final String contextId;
    private final int sampleRateHz;
    private final boolean wavHeader;
    private final boolean wordTimestamps;
    private final StringBuilder pending = new StringBuilder();
    private final ExecutorService speaker = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("fake-inworld-context").factory());
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile boolean closed;

    FakeInworldContext(FakeInworld vendor, FakeInworldConnection connection, String contextId, int sampleRateHz,
                       boolean wavHeader, boolean wordTimestamps) {
        this.vendor = vendor;
        this.connection = connection;
        this.contextId = contextId;
        this.sampleRateHz = sampleRateHz;
        this.wavHeader = wavHeader;
        this.wordTimestamps = wordTimestamps;
    }

    synchronized void append(String text) {
        pending.append(text);
    }

    /** Speaks what was sent since the last flush. */
    void flush() {
        String text;
        synchronized (this) {
            text = pending.toString();
            pending.setLength(0);
        }
        speaker.execute(() -> speak(text));
    }

    /** Ends the context; {@code confirm} sends {@code contextClosed} (not when the connection itself went). */
    void close(boolean confirm) {
        synchronized (connection) {
            closed = true;
            if (confirm) {
                connection.sendResult(contextId, "contextClosed", connection.newObject());
            }
        }
        closing.countDown();
        speaker.shutdownNow();
    }

    private void speak(String text) {
        InworldKnobs knobs = vendor.knobs();
        FakeVoice.Utterance utterance = vendor.voice().speak(text, sampleRateHz);
        if (pause(knobs.firstAudioDelayMs())) {
            return;
        }
        if (knobs.garbage()) {
            sendIfOpen("<html>502 Bad Gateway</html>");
            return;
        }
        InworldChunks chunks = new InworldChunks(utterance, knobs.chunkMs(), wavHeader, wordTimestamps, text);
        for (int index = 0; index < chunks.count(); index++) {
            if (index == knobs.stallAfterChunks()) {
                pause(Long.MAX_VALUE); // a stalled stream: nothing more, nothing closed, until the client gives up
                return;
            }
            if (index > 0 && pause(knobs.chunkGapMs())) {
                return;
            }
            ObjectNode chunk = chunks.chunk(index, connection.newObject());
            if (!sendResultIfOpen("audioChunk", chunk)) {
                return;
            }
        }
        sendResultIfOpen("flushCompleted", connection.newObject());
    }

    private boolean sendResultIfOpen(String kind, ObjectNode body) {
        synchronized (connection) {
            if (closed) {
                return false;
            }
            connection.sendResult(contextId, kind, body);
            return true;
        }
    }

    private void sendIfOpen(String raw) {
        synchronized (connection) {
            if (!closed) {
                connection.send(raw);
            }
        }
    }

    /** True when the context closed meanwhile. */
    private boolean pause(long ms) {
        try {
            return ms > 0 && closing.await(ms, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            return true;
        }
    }
}
