package dev.facecast.tts.inworld;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One Inworld context: one synthesis on the shared connection. The connection's reader
 * {@link #offer}s its events; the synthesizing thread takes them with {@link #next}.
 *
 * <p>The queue is unbounded so that the reader never blocks on one slow consumer (it serves every
 * session); what waits in it is at most one synthesis's audio, since each call has its own context.
 * {@link #close} may come from any thread (the call's abort, the synthesizing thread's end): it sends
 * {@code close_context} once, which is how a barge-in stops the vendor, and frees the slot as soon as
 * it went out, because the vendor handles the messages of a connection in order.
 */
final class InworldContext implements AutoCloseable {

    private final String id;
    private final InworldConnection connection;
    private final InworldRequests requests;
    private final BlockingQueue<InworldEvent> events = new LinkedBlockingQueue<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    InworldContext(String id, InworldConnection connection, InworldRequests requests) {
        this.id = id;
        this.connection = connection;
        this.requests = requests;
    }

    String id() {
        return id;
    }

    void send(String message) {
        connection.send(message);
    }

    void offer(InworldEvent event) {
        events.add(event);
    }

    /** The next event; blocks until there is one (a close wakes it with {@link InworldEvent.Closed}). */
    InworldEvent next() throws InterruptedException {
        return events.take();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            if (connection.isOpen()) {
                connection.send(requests.closeContext(id));
            }
        } catch (RuntimeException connectionGone) {
            // the vendor dropped the context with the connection: nothing left to close
        } finally {
            connection.forget(id); // after the close went out, so the next create never finds the vendor full
            events.add(new InworldEvent.Closed());
        }
    }
}
