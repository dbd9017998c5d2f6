package dev.facecast.engine.net;

import dev.facecast.media.agent.MediaThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.DatagramChannel;

/**
 * The one UDP port every session's media uses, and its one receive thread. Each datagram is
 * handed to a {@link Handler} on that thread with a buffer that is reused for the next, so a
 * handler copies what it keeps. Sending is safe from any thread (a datagram channel allows a
 * concurrent send and receive).
 */
public final class MediaPort implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MediaPort.class);
    /** Socket buffers for bursts of many sessions' keyframes and RTCP: 4 MiB each way (the kernel may cap it). */
    private static final int SOCKET_BUFFER_BYTES = 4 << 20;
    private static final int MAX_DATAGRAM_BYTES = 2048;

    /** Told every datagram, on the receive thread: must not block. */
    public interface Handler {
        void onDatagram(byte[] packet, int length, InetSocketAddress from);
    }

    private final DatagramChannel channel;
    private final InetSocketAddress local;
    private final Thread receiver;
    private final ByteBuffer outbound = ByteBuffer.allocateDirect(MAX_DATAGRAM_BYTES);
    private volatile boolean closed;

    public MediaPort(InetSocketAddress bindTo, Handler handler) throws IOException {
        this.channel = DatagramChannel.open();
        channel.setOption(StandardSocketOptions.SO_RCVBUF, SOCKET_BUFFER_BYTES);
        channel.setOption(StandardSocketOptions.SO_SNDBUF, SOCKET_BUFFER_BYTES);
        channel.bind(bindTo);
        this.local = (InetSocketAddress) channel.getLocalAddress();
        this.receiver = MediaThreads.platform("facecast-net-recv", Thread.MAX_PRIORITY).newThread(() -> receive(handler));
        receiver.start();
    }

    public InetSocketAddress localAddress() {
        return local;
    }

    /**
     * Sends one datagram; a failure (the peer's address unreachable, the buffer full) loses the
     * packet, as UDP may, and is not an error to the caller. Synchronised: the send thread and
     * the DTLS handshakes share one direct buffer.
     */
    public synchronized void send(byte[] data, int offset, int length, InetSocketAddress to) {
        if (closed) {
            return;
        }
        outbound.clear();
        outbound.put(data, offset, Math.min(length, MAX_DATAGRAM_BYTES)).flip();
        try {
            channel.send(outbound, to);
        } catch (IOException e) {
            log.debug("media port: a datagram to {} was not sent: {}", to, e.getMessage());
        }
    }

    private void receive(Handler handler) {
        ByteBuffer inbound = ByteBuffer.allocate(MAX_DATAGRAM_BYTES);
        while (!closed) {
            try {
                inbound.clear();
                SocketAddress from = channel.receive(inbound);
                if (from instanceof InetSocketAddress address) {
                    handler.onDatagram(inbound.array(), inbound.position(), address);
                }
            } catch (AsynchronousCloseException e) {
                return;
            } catch (IOException e) {
                if (!closed) {
                    log.warn("media port {}: receive failed: {}", local, e.getMessage());
                }
            } catch (RuntimeException e) {
                // A handler bug must not stop every session's media: log it and keep receiving.
                log.error("media port {}: a datagram's handler failed", local, e);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            channel.close();
        } catch (IOException e) {
            log.debug("media port {}: close: {}", local, e.getMessage());
        }
        try {
            receiver.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
