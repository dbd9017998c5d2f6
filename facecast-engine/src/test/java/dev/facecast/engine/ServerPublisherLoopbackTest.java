package dev.facecast.engine;

import dev.facecast.codec.NativeCodec;
import dev.facecast.codec.OpusEncoder;
import dev.facecast.codec.OpusSettings;
import dev.facecast.codec.Vp8Encoder;
import dev.facecast.media.audio.AudioFormat;
import dev.facecast.media.clock.Await;
import dev.facecast.media.video.FramePool;
import dev.facecast.media.video.I420Frame;
import dev.facecast.testsupport.CheckLeaks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.facecast.engine.EngineTestSupport.bye;
import static dev.facecast.engine.EngineTestSupport.concat;
import static dev.facecast.engine.EngineTestSupport.emptyReceiverReport;
import static dev.facecast.engine.EngineTestSupport.nack;
import static dev.facecast.engine.EngineTestSupport.pidBlp;
import static dev.facecast.engine.EngineTestSupport.pli;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The server engine end to end, with a {@link LoopbackBrowser} in place of Chromium on a real
 * loopback socket: offer/answer, ICE-lite check, DTLS-SRTP handshake, then SRTP media from the
 * publisher's codecs and SRTCP both ways. Media time is real here (sockets, a pacing thread),
 * so each test streams for about a second, bounded by {@link Timeout}.
 */
@Tag("native")
@CheckLeaks
@Timeout(60)
class ServerPublisherLoopbackTest {

    private static final int WIDTH_PX = 320;
    private static final int HEIGHT_PX = 240;
    private static final AudioFormat AUDIO = AudioFormat.mono(16_000);
    private static final long FRAME_INTERVAL_NS = 1_000_000_000L / 15;
    private static final long CHUNK_NS = 10_000_000L;
    /** Audio is pushed up to this far ahead of real time, so a slow frame never makes its schedule lag. */
    private static final long AUDIO_LEAD_NS = 40_000_000L;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final List<PeerState> states = new CopyOnWriteArrayList<>();
    private final FramePool frames = new FramePool(WIDTH_PX, HEIGHT_PX, 2);
    private final short[] chunk = new short[AUDIO.framesIn(10)];
    private long codecsBefore;
    private ServerEngine engine;
    private ServerPublisher publisher;
    private LoopbackBrowser browser;
    private long audioStartNs;
    private long audioPushedNs;
    private long firstFrameNs;
    private long nextFrameNs;
    private int framesPushed;

    @BeforeEach
    void connect() throws Exception {
        assertThat(Vp8Encoder.unavailabilityCause()).as("libvpx7 must be installed: scripts/install-test-deps.sh").isNull();
        assertThat(OpusEncoder.unavailabilityCause()).as("libopus0 must be installed: scripts/install-test-deps.sh").isNull();
        codecsBefore = NativeCodec.liveCount();
        engine = ServerEngine.start(EngineSettings.loopback());
        publisher = engine.publisher("loopback", AUDIO, states::add);
        browser = new LoopbackBrowser();
        browser.answered(publisher.answer(browser.offer()));
        browser.check(CONNECT_TIMEOUT);
        browser.handshake();
        Await.until("the publisher to see the receiver connected", CONNECT_TIMEOUT, () -> states.contains(PeerState.CONNECTED));
        for (int i = 0; i < chunk.length; i++) {
            chunk[i] = (short) (8_000 * Math.sin(2 * Math.PI * 440 * i / AUDIO.sampleRateHz()));
        }
    }

    @AfterEach
    void closeAll() {
        if (publisher != null) {
            publisher.close();
        }
        if (engine != null) {
            engine.close();
        }
        if (browser != null) {
            browser.close();
        }
        assertThat(NativeCodec.liveCount()).as("codecs left open").isEqualTo(codecsBefore);
        assertThat(frames.outstanding()).as("frames not released").isZero();
    }

    @Test
    void shouldSendVp8OnTheAnsweredSsrcStartingWithAKeyframe() throws Exception {
        stream(800);

        List<LoopbackBrowser.Rtp> video = video();
        assertThat(states).first().isEqualTo(PeerState.CONNECTED);
        assertThat(states).doesNotContain(PeerState.FAILED, PeerState.CLOSED);
        assertThat(video).isNotEmpty().allSatisfy(packet -> assertThat(packet.payloadType()).isEqualTo(browser.videoPayloadType()));
        assertThat(isKeyframeStart(video.getFirst())).as("the first packet starts a keyframe").isTrue();
        assertThat(video.stream().filter(LoopbackBrowser.Rtp::marker).count()).as("frames ended").isGreaterThan(5);
    }

    @Test
    void shouldSendOpusEvery20MsOfRtpTime() throws Exception {
        stream(800);

        List<LoopbackBrowser.Rtp> audio = audio();
        assertThat(audio).hasSizeGreaterThan(20);
        assertThat(audio).allSatisfy(packet -> assertThat(packet.payloadType()).isEqualTo(browser.audioPayloadType()));
        for (int i = 1; i < audio.size(); i++) {
            assertThat(audio.get(i).timestamp() - audio.get(i - 1).timestamp() & 0xFFFF_FFFFL).as("packet %d", i).isEqualTo(960);
            assertThat(audio.get(i).sequence()).isEqualTo((audio.get(i - 1).sequence() + 1) & 0xFFFF);
        }
    }

    @Test
    void shouldSendSenderReportsThatPutAudioAndVideoOfOneInstantTogether() throws Exception {
        stream(1_200);

        LoopbackBrowser.SenderReport videoReport = lastReport(browser.videoSsrc());
        LoopbackBrowser.SenderReport audioReport = lastReport(browser.audioSsrc());
        assertThat(videoReport.packets()).isPositive();
        assertThat(audioReport.packets()).isPositive();
        // What a receiver's lip sync computes: each packet's capture time on the sender's NTP clock.
        double videoCaptureS = captureTimeS(video().getFirst(), videoReport, 90_000);
        double audioCaptureS = captureTimeS(audio().getFirst(), audioReport, 48_000);
        double pushedApartS = (firstFrameNs - audioStartNs) / 1e9;
        // The first frame (no interval yet) leaves the receiver's audio lag after it was drawn, stamped the
        // sync margin before that (FrameTiming).
        double videoOffsetS = (FrameTiming.RECEIVER_AUDIO_LAG_NS - FrameTiming.RECEIVER_SYNC_MARGIN_NS) / 1e9;
        // Audio is stamped earlier by Opus's lookahead, which its decoder's output lags by.
        double lookaheadS;
        try (OpusEncoder opus = new OpusEncoder(OpusSettings.voice(16_000, 32_000))) {
            lookaheadS = opus.lookaheadSamples() / 16_000.0;
        }
        assertThat(videoCaptureS - audioCaptureS).isCloseTo(pushedApartS + videoOffsetS + lookaheadS, within(0.002));
    }

    @Test
    void shouldSendAnotherKeyframeWhenTheReceiverSendsAPli() throws Exception {
        stream(600);
        int before = browser.rtp.size();

        browser.sendRtcp(concat(emptyReceiverReport(LoopbackBrowser.SSRC), pli(LoopbackBrowser.SSRC, browser.videoSsrc())));
        stream(800);

        List<LoopbackBrowser.Rtp> after = browser.rtp.subList(before, browser.rtp.size());
        assertThat(after.stream().filter(packet -> packet.ssrc() == browser.videoSsrc()).anyMatch(this::isKeyframeStart)).isTrue();
        assertThat(publisher.counters().keyframeRequests()).isEqualTo(1);
    }

    @Test
    void shouldSendAVideoPacketAgainWhenTheReceiverNacksIt() throws Exception {
        stream(600);
        LoopbackBrowser.Rtp lost = video().get(2);
        int before = browser.rtp.size();

        browser.sendRtcp(concat(emptyReceiverReport(LoopbackBrowser.SSRC),
                nack(LoopbackBrowser.SSRC, browser.videoSsrc(), pidBlp(lost.sequence(), 0))));
        browser.receiveFor(300);

        List<LoopbackBrowser.Rtp> again = browser.rtp.subList(before, browser.rtp.size()).stream()
                .filter(packet -> packet.ssrc() == browser.videoSsrc() && packet.sequence() == lost.sequence()).toList();
        assertThat(again).hasSize(1);
        assertThat(again.getFirst().payload()).isEqualTo(lost.payload());
        assertThat(again.getFirst().timestamp()).isEqualTo(lost.timestamp());
        assertThat(publisher.counters().nacksAnswered()).isEqualTo(1);
    }

    @Test
    void shouldSeeTheReceiverClosedWhenItSaysBye() throws Exception {
        stream(300);

        browser.sendRtcp(concat(emptyReceiverReport(LoopbackBrowser.SSRC), bye(LoopbackBrowser.SSRC)));

        Await.until("the publisher to see the receiver's BYE", CONNECT_TIMEOUT, () -> states.contains(PeerState.CLOSED));
        // DISCONNECTED may come between on a slow machine (a stalled test thread sends no consent checks).
        assertThat(states).first().isEqualTo(PeerState.CONNECTED);
        assertThat(states).last().isEqualTo(PeerState.CLOSED);
        assertThat(states).doesNotContain(PeerState.FAILED);
        assertThat(publisher.state()).isEqualTo(PeerState.CLOSED);
    }

    @Test
    void shouldReleaseCodecsAndLeaveNoSessionWhenClosed() throws Exception {
        stream(300);
        assertThat(engine.publishers()).isEqualTo(1);
        assertThat(NativeCodec.liveCount()).as("VP8 and Opus encoders").isEqualTo(codecsBefore + 2);

        publisher.close();

        assertThat(engine.publishers()).isZero();
        assertThat(NativeCodec.liveCount()).isEqualTo(codecsBefore);
    }

    /**
     * Pushes media as a session's media thread would, 15 fps and 10 ms audio chunks, for
     * {@code durationMs}, reading what arrives in between.
     */
    private void stream(long durationMs) throws Exception {
        long endNs = System.nanoTime() + durationMs * 1_000_000L;
        long nowNs;
        while ((nowNs = System.nanoTime()) < endNs) {
            if (audioStartNs == 0) {
                audioStartNs = nowNs;
                nextFrameNs = nowNs;
            }
            while (audioPushedNs <= nowNs - audioStartNs + AUDIO_LEAD_NS) {
                publisher.pushAudio(chunk, chunk.length);
                audioPushedNs += CHUNK_NS;
            }
            if (nowNs >= nextFrameNs) {
                pushFrame(nowNs);
                nextFrameNs += FRAME_INTERVAL_NS;
            }
            browser.receiveFor(Math.max(1, Math.min((nextFrameNs - System.nanoTime()) / 1_000_000L, 5)));
        }
    }

    /** A gradient with a 32-pixel square that moves 4 pixels a frame: some blocks change, most do not. */
    private void pushFrame(long nowNs) {
        I420Frame frame = frames.acquire();
        try {
            byte[] data = frame.data();
            for (int y = 0; y < HEIGHT_PX; y++) {
                for (int x = 0; x < WIDTH_PX; x++) {
                    data[y * WIDTH_PX + x] = (byte) (x / 2 + y / 4);
                }
            }
            int left = (framesPushed * 4) % (WIDTH_PX - 32);
            for (int y = 100; y < 132; y++) {
                java.util.Arrays.fill(data, y * WIDTH_PX + left, y * WIDTH_PX + left + 32, (byte) 235);
            }
            java.util.Arrays.fill(data, frame.offsetU(), data.length, (byte) 128);
            frame.setTimestampUs(nowNs / 1_000L);
            if (framesPushed == 0) {
                firstFrameNs = frame.timestampUs() * 1_000L;
            }
            publisher.pushVideo(frame);
            framesPushed++;
        } finally {
            frame.release();
        }
    }

    private List<LoopbackBrowser.Rtp> video() {
        return browser.rtp.stream().filter(packet -> packet.ssrc() == browser.videoSsrc()).toList();
    }

    private List<LoopbackBrowser.Rtp> audio() {
        return browser.rtp.stream().filter(packet -> packet.ssrc() == browser.audioSsrc()).toList();
    }

    private LoopbackBrowser.SenderReport lastReport(int ssrc) {
        List<LoopbackBrowser.SenderReport> reports = browser.reports.stream().filter(report -> report.ssrc() == ssrc).toList();
        assertThat(reports).as("sender reports of SSRC %s", Integer.toUnsignedString(ssrc)).isNotEmpty();
        return reports.getLast();
    }

    private static double captureTimeS(LoopbackBrowser.Rtp packet, LoopbackBrowser.SenderReport report, int clockRateHz) {
        int rtpDistance = (int) (packet.timestamp() - report.rtpTimestamp());
        return (report.ntp() >>> 32) + (report.ntp() & 0xFFFF_FFFFL) / 4_294_967_296.0 + rtpDistance / (double) clockRateHz;
    }

    /**
     * Whether a VP8 RTP payload starts a keyframe (RFC 7741): the descriptor's S bit and
     * partition 0, then the payload header's P bit clear (section 4.3).
     */
    private boolean isKeyframeStart(LoopbackBrowser.Rtp packet) {
        byte[] p = packet.payload();
        if ((p[0] & 0x10) == 0 || (p[0] & 0x07) != 0) {
            return false;
        }
        int at = 1;
        if ((p[0] & 0x80) != 0) {
            int extensions = p[1] & 0xFF;
            at = 2;
            if ((extensions & 0x80) != 0) {
                at += (p[at] & 0x80) != 0 ? 2 : 1;
            }
            if ((extensions & 0x40) != 0) {
                at++;
            }
            if ((extensions & 0x30) != 0) {
                at++;
            }
        }
        return (p[at] & 0x01) == 0;
    }
}
