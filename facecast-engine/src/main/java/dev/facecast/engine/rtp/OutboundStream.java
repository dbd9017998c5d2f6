package dev.facecast.engine.rtp;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One stream we send (one SSRC): writes RTP headers (RFC 3550 section 5.1) into a ring of
 * reusable packet slots, which is also the retransmission history NACKs are answered from,
 * and queues each finished packet for the network send thread.
 *
 * <p>Threading: {@link #begin}/{@link #finish} on the session's media thread; {@link #next},
 * {@link #find} and the counters on the network threads. A slot is rewritten only after the
 * ring wraps ({@link #HISTORY_PACKETS} packets later), long after it was sent.
 */
public final class OutboundStream {

    /** RTP header: 12 bytes, plus 8 for a one-byte-header extension block carrying abs-send-time. */
    public static final int HEADER_BYTES = 12;
    public static final int EXTENSION_BYTES = 8;
    /** About 2-4 s of video at our rates: enough for a NACK after a round trip or two. */
    public static final int HISTORY_PACKETS = 1024;
    private static final int QUEUED_PACKETS = 512;
    /** {@link #nextDueNs()} when no new packet is queued. */
    public static final long NOTHING_QUEUED = Long.MAX_VALUE;

    /** One packet, reused as the ring turns. */
    public static final class Slot {
        public final byte[] data = new byte[1500];
        public int length;
        volatile int sequence = -1;
        volatile boolean sent;
        /** The earliest it may leave (System.nanoTime); a retransmission leaves at once. */
        volatile long dueNs;

        public int sequence() {
            return sequence;
        }
    }

    private final int ssrc;
    private final int payloadType;
    private final int absSendTimeId;
    private final Slot[] history;
    private final ArrayBlockingQueue<Slot> queue = new ArrayBlockingQueue<>(QUEUED_PACKETS);
    private final ArrayBlockingQueue<Slot> resends = new ArrayBlockingQueue<>(64);
    private int nextSequence = ThreadLocalRandom.current().nextInt(1 << 16);
    /**
     * When the packets finished from now on may leave; the media thread's. At once until told
     * otherwise: a time in the past, not Long.MIN_VALUE, which nanoTime differences would overflow.
     */
    private long dueNs = System.nanoTime();
    private volatile long packetsSent;
    private volatile long payloadBytesSent;
    private volatile long packetsDropped;
    private volatile long lastRtpTimestamp;
    private volatile boolean anySent;

    /** @param absSendTimeId the negotiated extension id (1-14), or 0 to send none */
    public OutboundStream(int ssrc, int payloadType, int absSendTimeId) {
        this.ssrc = ssrc;
        this.payloadType = payloadType;
        this.absSendTimeId = absSendTimeId;
        this.history = new Slot[HISTORY_PACKETS];
        for (int i = 0; i < history.length; i++) {
            history[i] = new Slot();
        }
    }

    public int ssrc() {
        return ssrc;
    }

    /** Bytes before the payload in every packet of this stream. */
    public int headerBytes() {
        return HEADER_BYTES + (absSendTimeId > 0 ? EXTENSION_BYTES : 0);
    }

    /** The next slot, its header written; the caller writes the payload after {@link #headerBytes()}. */
    public Slot begin(long rtpTimestamp, boolean marker) {
        int sequence = nextSequence;
        nextSequence = (nextSequence + 1) & 0xFFFF;
        Slot slot = history[sequence & (HISTORY_PACKETS - 1)];
        slot.sequence = sequence;
        slot.sent = false;
        byte[] d = slot.data;
        d[0] = (byte) (absSendTimeId > 0 ? 0x90 : 0x80);
        d[1] = (byte) ((marker ? 0x80 : 0) | payloadType);
        d[2] = (byte) (sequence >> 8);
        d[3] = (byte) sequence;
        putInt(d, 4, (int) rtpTimestamp);
        putInt(d, 8, ssrc);
        if (absSendTimeId > 0) {
            // RFC 8285 one-byte header: 0xBEDE, one 32-bit word; element id, length-1 = 2; 3 bytes set when sent.
            d[12] = (byte) 0xBE;
            d[13] = (byte) 0xDE;
            d[14] = 0;
            d[15] = 1;
            d[16] = (byte) ((absSendTimeId << 4) | 2);
        }
        lastRtpTimestamp = rtpTimestamp & 0xFFFF_FFFFL;
        return slot;
    }

    /** Sets the marker bit of a slot already begun (the last packet of a frame). */
    public static void mark(Slot slot) {
        slot.data[1] |= (byte) 0x80;
    }

    /** The packets finished from now on leave no earlier than {@code dueNs} (System.nanoTime). */
    public void sendFrom(long dueNs) {
        this.dueNs = dueNs;
    }

    /** Queues a written slot for sending; a full queue (the network thread stalled) drops it, counted. */
    public void finish(Slot slot, int payloadBytes) {
        slot.length = headerBytes() + payloadBytes;
        slot.dueNs = dueNs;
        if (!queue.offer(slot)) {
            packetsDropped++;
        }
    }

    /** The next packet to send, retransmissions first; null when none is waiting. */
    public Slot next() {
        Slot resend = resends.poll();
        return resend != null ? resend : queue.poll();
    }

    /** The size of the next packet due at {@code nowNs}, without taking it, or 0: what the pacer budgets by. */
    public int peekBytes(long nowNs) {
        Slot resend = resends.peek();
        if (resend != null) {
            return resend.length;
        }
        Slot slot = queue.peek();
        return slot == null || slot.dueNs - nowNs > 0 ? 0 : slot.length;
    }

    /** When the next new packet may leave (System.nanoTime), or {@link #NOTHING_QUEUED}. */
    public long nextDueNs() {
        Slot slot = queue.peek();
        return slot == null ? NOTHING_QUEUED : slot.dueNs;
    }

    /** Queues a packet again for a NACK; false when it has left the history or was never sent. */
    public boolean resend(int sequence) {
        Slot slot = history[sequence & (HISTORY_PACKETS - 1)];
        return slot.sequence == sequence && slot.sent && resends.offer(slot);
    }

    /** Fills the abs-send-time extension of a packet copy at send time (6.18 fixed-point seconds). */
    public void stampSendTime(byte[] packet, long nowNs) {
        if (absSendTimeId > 0) {
            long value = ((nowNs / 1_000L) << 18) / 1_000_000L & 0xFFFFFF;
            packet[17] = (byte) (value >> 16);
            packet[18] = (byte) (value >> 8);
            packet[19] = (byte) value;
        }
    }

    /** Counts a packet the network thread sent. */
    public void countSent(Slot slot) {
        slot.sent = true;
        packetsSent++;
        payloadBytesSent += slot.length - headerBytes();
        anySent = true;
    }

    public long packetsSent() {
        return packetsSent;
    }

    public long payloadBytesSent() {
        return payloadBytesSent;
    }

    public long packetsDropped() {
        return packetsDropped;
    }

    public boolean anySent() {
        return anySent;
    }

    public long lastRtpTimestamp() {
        return lastRtpTimestamp;
    }

    static void putInt(byte[] d, int at, int value) {
        d[at] = (byte) (value >> 24);
        d[at + 1] = (byte) (value >> 16);
        d[at + 2] = (byte) (value >> 8);
        d[at + 3] = (byte) value;
    }
}
