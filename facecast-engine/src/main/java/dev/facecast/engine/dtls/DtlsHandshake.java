package dev.facecast.engine.dtls;

import org.bouncycastle.tls.DTLSServerProtocol;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.DatagramTransport;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One session's DTLS: the handshake, then whatever DTLS records still arrive (a Finished
 * the receiver retransmits, its close_notify).
 *
 * <p>bctls's handshake is blocking code, so it runs on a virtual thread of its own for the
 * 50-200 ms it takes, fed by the network receive thread through a small queue. After it,
 * there is no thread: each later record is handed to bctls on the receive thread, which finds
 * it already queued and never waits.
 */
public final class DtlsHandshake {

    /** The receiver's first flight and its retransmissions fit easily; more is a flood, dropped. */
    private static final int QUEUED_RECORDS = 32;
    /** A browser gives up after about 30 s of retransmissions; so do we. */
    private static final int HANDSHAKE_TIMEOUT_MS = 30_000;
    private static final int MTU_BYTES = 1200;
    /** The record header's content type for alerts (RFC 6347 section 4.1, sent in clear). */
    private static final byte CONTENT_TYPE_ALERT = 21;
    /** bctls reads "0 ms" as "no limit"; the shortest real wait keeps a drain from blocking. */
    private static final int DRAIN_WAIT_MS = 1;

    /** Where records go out: to the receiver's address, on the shared port. */
    public interface Sender {
        void send(byte[] data, int offset, int length) throws IOException;
    }

    /** Told once: the keys, or why there are none. */
    public interface Outcome {
        void secured(SrtpKeys keys);

        void failed(String reason);

        void closedByPeer();
    }

    private final BlockingQueue<byte[]> inbound = new ArrayBlockingQueue<>(QUEUED_RECORDS);
    private final SrtpDtlsServer server;
    private final Sender sender;
    private final Outcome outcome;
    private final byte[] discard = new byte[MTU_BYTES * 2];
    private volatile boolean started;
    private volatile DTLSTransport transport;
    private volatile boolean closed;

    public DtlsHandshake(DtlsIdentity identity, String remoteFingerprint, Sender sender, Outcome outcome) {
        this.server = new SrtpDtlsServer(new BcTlsCrypto(new SecureRandom()), identity, remoteFingerprint);
        this.sender = sender;
        this.outcome = outcome;
    }

    /**
     * A DTLS record from the receiver (a copy the caller gives up). Starts the handshake on
     * the first; after it, processes the record here and now.
     *
     * @param startOn makes the handshake's one thread
     */
    public void onRecord(byte[] record, java.util.concurrent.ThreadFactory startOn) {
        if (closed) {
            return;
        }
        DTLSTransport secured = transport;
        if (secured != null && record.length > 0 && record[0] == CONTENT_TYPE_ALERT) {
            // After the handshake, an alert is the receiver's close_notify or a fatal one: it has gone.
            closed = true;
            outcome.closedByPeer();
            return;
        }
        if (!inbound.offer(record)) {
            return;
        }
        if (secured != null) {
            drain(secured);
            return;
        }
        if (!started) {
            synchronized (this) {
                if (started) {
                    return;
                }
                started = true;
            }
            startOn.newThread(this::handshake).start();
        }
    }

    public void close() {
        closed = true;
        DTLSTransport secured = transport;
        if (secured != null) {
            try {
                secured.close();
            } catch (IOException | RuntimeException ignored) {
                // The receiver may be gone already; there is nobody to tell.
            }
        }
    }

    private void handshake() {
        try {
            DTLSTransport secured = new DTLSServerProtocol().accept(server, new QueueTransport());
            transport = secured;
            outcome.secured(server.keys());
            drain(secured);
        } catch (IOException | RuntimeException e) {
            if (!closed) {
                outcome.failed(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            }
        }
    }

    /** Hands queued records to bctls without waiting: retransmitted handshake records, alerts. */
    private void drain(DTLSTransport secured) {
        try {
            while (!inbound.isEmpty()) {
                if (secured.receive(discard, 0, discard.length, DRAIN_WAIT_MS) < 0) {
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            // bctls signals the receiver's close_notify (or a fatal alert) by closing the transport.
            if (!closed) {
                closed = true;
                outcome.closedByPeer();
            }
        }
    }

    private final class QueueTransport implements DatagramTransport {
        private final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(HANDSHAKE_TIMEOUT_MS);

        @Override
        public int getReceiveLimit() {
            return MTU_BYTES * 2;
        }

        @Override
        public int getSendLimit() {
            return MTU_BYTES;
        }

        @Override
        public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
            if (transport == null && System.nanoTime() > deadlineNs) {
                throw new IOException("the DTLS handshake did not finish in " + HANDSHAKE_TIMEOUT_MS / 1000 + " s");
            }
            if (closed) {
                return -1;
            }
            try {
                byte[] record = waitMillis <= 0 ? inbound.poll() : inbound.poll(waitMillis, TimeUnit.MILLISECONDS);
                if (record == null) {
                    return -1;
                }
                int length = Math.min(len, record.length);
                System.arraycopy(record, 0, buf, off, length);
                return length;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }

        @Override
        public void send(byte[] buf, int off, int len) throws IOException {
            if (!closed) {
                sender.send(buf, off, len);
            }
        }

        @Override
        public void close() {
        }
    }
}
