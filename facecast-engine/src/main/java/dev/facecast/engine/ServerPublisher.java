package dev.facecast.engine;

import dev.facecast.engine.dtls.DtlsHandshake;
import dev.facecast.engine.dtls.SrtpKeys;
import dev.facecast.engine.ice.IceCredentials;
import dev.facecast.engine.net.PacedSender;
import dev.facecast.engine.rtp.MediaClock;
import dev.facecast.engine.rtp.OutboundStream;
import dev.facecast.engine.rtp.RtcpFeedback;
import dev.facecast.engine.rtp.RtcpWriter;
import dev.facecast.engine.sdp.Answer;
import dev.facecast.engine.sdp.RemoteOffer;
import dev.facecast.engine.srtp.PacketBuffer;
import dev.facecast.engine.srtp.SrtpSession;
import dev.facecast.media.MediaOutput;
import dev.facecast.media.agent.MediaThreads;
import dev.facecast.media.audio.AudioFormat;
import dev.facecast.media.video.I420Frame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Sends one session's audio and video to one receiver on the server engine (agent to user,
 * WHEP). The session's media thread codes and packetizes ({@link MediaOutput}); the engine's
 * network threads do the rest: the receive thread answers ICE checks, feeds DTLS and reads
 * RTCP feedback; the send thread paces, encrypts and sends, and writes sender reports.
 * Nothing here has a thread of its own, except the DTLS handshake's for its 50-200 ms.
 *
 * <p>A/V sync by construction: audio chunks and video frames are stamped from one
 * {@link MediaClock} (audio by its 10 ms schedule, frames by {@link FrameTiming} from the media
 * time the session gives them), and both sender reports map that clock to the same NTP time.
 * The fixed delays on our side: Opus codes 20 ms frames stamped with their first sample's time,
 * less its lookahead; a VP8 frame is coded synchronously, before the next push, so coding adds no
 * offset. On the receiver's side, audio takes longer to play than a frame takes to show, so each
 * frame is held for that difference before it leaves, and stamped where the receiver's own A/V
 * sync finds nothing to correct (both measured in Chromium; see {@link FrameTiming}).
 */
public final class ServerPublisher implements MediaOutput, AutoCloseable, PacedSender.Source {

    private static final Logger log = LoggerFactory.getLogger(ServerPublisher.class);
    /** Sender reports: a few quickly, so lip sync starts at once, then every second (RFC 3550 allows 5 s). */
    private static final long FIRST_REPORTS_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(200);
    private static final long REPORT_INTERVAL_NS = TimeUnit.SECONDS.toNanos(1);
    private static final int FIRST_REPORTS = 5;
    /**
     * Bursts up to 10x the video rate (libwebrtc's pacer uses 2.5x). A receiver's A/V sync takes
     * the video's network delay from its latest packet, so a frame spread over tens of ms reads
     * as a delay that changes with the frame's size, and Chromium chases it: at 2.5x of the 1 Mbps
     * cap, 720x480 at 15 fps, the skew at the page walked by up to 90 ms (|skew| p95 103-127 ms
     * in two runs); at 10x, 13-21 ms in three (SyncEndToEndTest, on one machine).
     */
    private static final double PACING_FACTOR = 10;
    /** The pacer's budget never banks more than this much time's worth of sending. */
    private static final long MAX_BUDGET_NS = TimeUnit.MILLISECONDS.toNanos(20);

    private final ServerEngine engine;
    private final String sessionId;
    private final AudioFormat audioFormat;
    private final Consumer<PeerState> onState;
    private final IceCredentials ice = IceCredentials.random();
    private final MediaClock clock = new MediaClock();
    private final PacketBuffer sendBuffer = new PacketBuffer();
    private final PacketBuffer receiveBuffer = new PacketBuffer();
    private final byte[] reportBytes = new byte[256];
    private final Feedback feedback = new Feedback();
    private volatile VideoSender video;
    private volatile AudioSender audio;
    private volatile DtlsHandshake dtls;
    private volatile SrtpSession srtp;
    private volatile InetSocketAddress remote;
    /** This publisher's place on the engine's send thread; set when the answer is made. */
    private volatile PacedSender.Registration sending;
    private volatile PeerState state;
    private volatile long lastHeardNs;
    private volatile boolean closed;
    private long budgetBytes;
    private long lastBudgetNs;
    private long lastReportNs;
    private int reportsSent;
    private volatile long estimatedBitrateBps;
    private volatile long nacksAnswered;
    private volatile long keyframeRequests;

    ServerPublisher(ServerEngine engine, String sessionId, AudioFormat audioFormat, Consumer<PeerState> onState) {
        this.engine = engine;
        this.sessionId = sessionId;
        this.audioFormat = audioFormat;
        this.onState = onState;
    }

    /**
     * Answers a receiver's offer at once: the answer names our one port and needs no gathering.
     *
     * @throws dev.facecast.media.sdp.SdpException when the offer is malformed or receives no VP8 video
     */
    public String answer(String offerSdp) {
        RemoteOffer offer = RemoteOffer.parse(offerSdp);
        Answer answer = Answer.to(offer, ice, engine.identity().fingerprint(), engine.candidates());
        this.video = new VideoSender(new OutboundStream(answer.video().ssrc(), answer.video().payloadType(),
                answer.video().absSendTimeId()), clock, engine.settings().maxVideoBitrateBps());
        if (answer.audio() != null) {
            this.audio = new AudioSender(new OutboundStream(answer.audio().ssrc(), answer.audio().payloadType(),
                    answer.audio().absSendTimeId()), clock, audioFormat);
        }
        this.dtls = new DtlsHandshake(engine.identity(), offer.fingerprint(), this::sendRaw, new HandshakeOutcome());
        sending = engine.register(this);
        return answer.sdp();
    }

    IceCredentials ice() {
        return ice;
    }

    public String sessionId() {
        return sessionId;
    }

    /** Where the receiver stands; null before its first check. */
    public PeerState state() {
        return state;
    }

    public PublisherCounters counters() {
        VideoSender v = video;
        AudioSender a = audio;
        return new PublisherCounters(v == null ? 0 : v.framesCoded(), v == null ? 0 : v.framesUnchanged(),
                v == null ? 0 : v.encodeSeconds(), v == null ? 0 : v.stream().payloadBytesSent(),
                a == null ? 0 : a.stream().payloadBytesSent(), nacksAnswered, keyframeRequests, estimatedBitrateBps,
                (v == null ? 0 : v.stream().packetsDropped()) + (a == null ? 0 : a.stream().packetsDropped()));
    }

    @Override
    public AudioFormat audioFormat() {
        return audioFormat;
    }

    @Override
    public void pushAudio(short[] samples, int frames) {
        AudioSender sender = audio;
        if (closed || sender == null || srtp == null) {
            return;
        }
        if (sender.push(samples, frames, System.nanoTime())) {
            sending.wake();
        }
    }

    @Override
    public void pushVideo(I420Frame frame) {
        VideoSender sender = video;
        if (closed || sender == null || srtp == null) {
            return;
        }
        sender.push(frame, System.nanoTime());
        sending.wake();
    }

    // ---- the receive thread ----

    /** A verified ICE check from {@code from}: the receiver's address (the latest nominated one wins). */
    void onCheck(InetSocketAddress from, boolean nominated) {
        lastHeardNs = System.nanoTime();
        InetSocketAddress current = remote;
        if (current == null || (nominated && !current.equals(from))) {
            remote = from;
            engine.bind(from, this, current);
        }
        if (state == PeerState.DISCONNECTED) {
            changeState(PeerState.CONNECTED);
        }
    }

    void onDtls(byte[] packet, int length) {
        DtlsHandshake handshake = dtls;
        if (handshake != null) {
            handshake.onRecord(java.util.Arrays.copyOf(packet, length), MediaThreads.virtual("facecast-dtls-" + sessionId));
        }
    }

    void onRtcp(byte[] packet, int length) {
        SrtpSession keys = srtp;
        if (keys == null) {
            return;
        }
        receiveBuffer.set(packet, 0, length);
        if (keys.unprotectRtcp(receiveBuffer)) {
            lastHeardNs = System.nanoTime();
            RtcpFeedback.read(receiveBuffer.getBuffer(), receiveBuffer.getOffset(), receiveBuffer.getLength(), feedback);
        }
    }

    // ---- the send thread ----

    @Override
    public long sendDue(long nowNs) {
        InetSocketAddress to = remote;
        SrtpSession keys = srtp;
        if (closed || to == null || keys == null) {
            return IDLE;
        }
        checkQuiet(nowNs);
        sendAll(audio == null ? null : audio.stream(), keys, to, nowNs);
        long nextVisitNs = sendPaced(video.stream(), keys, to, nowNs);
        sendReportsIfDue(keys, to, nowNs);
        return nextVisitNs;
    }

    private void sendAll(OutboundStream stream, SrtpSession keys, InetSocketAddress to, long nowNs) {
        if (stream == null) {
            return;
        }
        OutboundStream.Slot slot;
        while ((slot = stream.next()) != null) {
            sendPacket(stream, slot, keys, to, nowNs);
        }
    }

    /** Sends the video its budget allows; returns when to come back for the rest (or {@link #IDLE}). */
    private long sendPaced(OutboundStream stream, SrtpSession keys, InetSocketAddress to, long nowNs) {
        long rateBps = (long) (PACING_FACTOR * Math.max(currentVideoRateBps(), EngineSettings.MIN_VIDEO_BITRATE_BPS));
        long elapsedNs = lastBudgetNs == 0 ? MAX_BUDGET_NS : Math.min(nowNs - lastBudgetNs, MAX_BUDGET_NS);
        lastBudgetNs = nowNs;
        budgetBytes = Math.min(budgetBytes + rateBps * elapsedNs / 8_000_000_000L, rateBps * MAX_BUDGET_NS / 8_000_000_000L);
        int next;
        while ((next = stream.peekBytes(nowNs)) > 0) {
            if (budgetBytes <= 0) {
                return nowNs + PacedSender.PACING_TICK_NS;
            }
            OutboundStream.Slot slot = stream.next();
            sendPacket(stream, slot, keys, to, nowNs);
            budgetBytes -= next;
        }
        long dueNs = stream.nextDueNs(); // a frame held for its time (FrameTiming), or nothing
        return dueNs == OutboundStream.NOTHING_QUEUED ? IDLE : dueNs;
    }

    private long currentVideoRateBps() {
        long estimate = estimatedBitrateBps;
        long cap = engine.settings().maxVideoBitrateBps();
        return estimate > 0 ? Math.min(estimate, cap) : cap;
    }

    private void sendPacket(OutboundStream stream, OutboundStream.Slot slot, SrtpSession keys, InetSocketAddress to, long nowNs) {
        sendBuffer.set(slot.data, 0, slot.length);
        stream.stampSendTime(sendBuffer.getBuffer(), nowNs);
        if (keys.protectRtp(sendBuffer)) {
            engine.mediaPort().send(sendBuffer.getBuffer(), sendBuffer.getOffset(), sendBuffer.getLength(), to);
            stream.countSent(slot);
        }
    }

    private void sendReportsIfDue(SrtpSession keys, InetSocketAddress to, long nowNs) {
        long interval = reportsSent < FIRST_REPORTS ? FIRST_REPORTS_INTERVAL_NS : REPORT_INTERVAL_NS;
        if (lastReportNs != 0 && nowNs - lastReportNs < interval) {
            return;
        }
        boolean sent = sendReport(video.stream(), 90_000, video.rtpOffset(), keys, to, nowNs);
        if (audio != null) {
            sent |= sendReport(audio.stream(), AudioSender.RTP_CLOCK_HZ, audio.rtpOffset(), keys, to, nowNs);
        }
        if (sent) {
            lastReportNs = nowNs;
            reportsSent++;
        }
    }

    private boolean sendReport(OutboundStream stream, int clockRateHz, int rtpOffset, SrtpSession keys,
                               InetSocketAddress to, long nowNs) {
        if (!stream.anySent()) {
            return false;
        }
        int length = RtcpWriter.senderReport(stream, clockRateHz, rtpOffset, clock, nowNs, Answer.CNAME, reportBytes);
        sendBuffer.set(reportBytes, 0, length);
        if (keys.protectRtcp(sendBuffer)) {
            engine.mediaPort().send(sendBuffer.getBuffer(), sendBuffer.getOffset(), sendBuffer.getLength(), to);
        }
        return true;
    }

    private void checkQuiet(long nowNs) {
        if (state == PeerState.CONNECTED && nowNs - lastHeardNs > engine.settings().peerQuietLimit().toNanos()) {
            changeState(PeerState.DISCONNECTED);
        }
    }

    // ---- shared ----

    private void sendRaw(byte[] data, int offset, int length) {
        InetSocketAddress to = remote;
        if (to != null) {
            engine.mediaPort().send(data, offset, length, to);
        }
    }

    private synchronized void changeState(PeerState next) {
        if (state == next || state == PeerState.CLOSED || state == PeerState.FAILED) {
            return;
        }
        state = next;
        log.debug("session {}: receiver {}", sessionId, next);
        onState.accept(next);
    }

    /** Stops sending and frees the codecs. Call after the media thread stopped pushing. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        engine.unregister(this, sending);
        DtlsHandshake handshake = dtls;
        if (handshake != null) {
            handshake.close();
        }
        if (video != null) {
            video.close();
        }
        if (audio != null) {
            audio.close();
        }
        SrtpSession keys = srtp;
        if (keys != null) {
            keys.close();
        }
    }

    InetSocketAddress remote() {
        return remote;
    }

    private final class HandshakeOutcome implements DtlsHandshake.Outcome {
        @Override
        public void secured(SrtpKeys keys) {
            srtp = new SrtpSession(keys);
            lastHeardNs = System.nanoTime();
            video.requestKeyframe();
            changeState(PeerState.CONNECTED);
        }

        @Override
        public void failed(String reason) {
            log.info("session {}: DTLS handshake failed: {}", sessionId, reason);
            changeState(PeerState.FAILED);
        }

        @Override
        public void closedByPeer() {
            changeState(PeerState.CLOSED);
        }
    }

    private final class Feedback implements RtcpFeedback.Listener {
        @Override
        public void nack(int mediaSsrc, int sequence) {
            VideoSender v = video;
            if (v != null && mediaSsrc == v.stream().ssrc() && v.stream().resend(sequence)) {
                nacksAnswered++;
                sending.wake();
            }
        }

        @Override
        public void keyframeRequest(int mediaSsrc) {
            VideoSender v = video;
            if (v != null && mediaSsrc == v.stream().ssrc()) {
                keyframeRequests++;
                v.requestKeyframe();
            }
        }

        @Override
        public void estimatedBitrate(long bitrateBps) {
            estimatedBitrateBps = bitrateBps;
            VideoSender v = video;
            if (v != null) {
                v.requestBitrate(bitrateBps);
            }
        }

        @Override
        public void bye() {
            changeState(PeerState.CLOSED);
        }
    }
}
