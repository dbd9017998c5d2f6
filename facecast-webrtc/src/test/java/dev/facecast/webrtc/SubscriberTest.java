package dev.facecast.webrtc;

import dev.facecast.media.audio.PcmChunk;
import dev.onvoid.webrtc.RTCConfiguration;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCRtpTransceiverDirection;
import dev.onvoid.webrtc.RTCRtpTransceiverInit;
import dev.onvoid.webrtc.RTCSdpType;
import dev.onvoid.webrtc.media.audio.AudioTrack;
import dev.onvoid.webrtc.media.audio.CustomAudioSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** WHIP: a peer sends a tone as its microphone; the subscriber hands it to Java as PCM. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SubscriberTest {

    private static WebRtcRuntime senders;
    private static ReceiverRuntime receivers;

    @BeforeAll
    static void start() {
        senders = WebRtcRuntime.start();
        receivers = new ReceiverRuntime();
    }

    @AfterAll
    static void stop() {
        receivers.close();
        senders.close();
    }

    @Test
    void shouldReceiveTheMicrophoneAsPcm() throws Exception {
        List<PcmChunk> heard = new CopyOnWriteArrayList<>();
        CustomAudioSource tone = new CustomAudioSource();
        AudioTrack track = senders.publisherFactory().createAudioTrack("mic", tone);
        RTCPeerConnection microphone = senders.publisherFactory().createPeerConnection(new RTCConfiguration(), new GatheringObserver() { });
        try (Subscriber subscriber = new Subscriber(receivers, heard::add, state -> { })) {
            RTCRtpTransceiverInit sendOnly = new RTCRtpTransceiverInit();
            sendOnly.direction = RTCRtpTransceiverDirection.SEND_ONLY;
            microphone.addTransceiver(track, sendOnly);
            SignalingSteps steps = new SignalingSteps(microphone);
            steps.createAndSetOffer();
            Thread.sleep(300); // host candidates gather quickly; the answer carries the subscriber's
            String answer = subscriber.answer(microphone.getLocalDescription().sdp);
            steps.setRemote(RTCSdpType.ANSWER, answer);

            byte[] tenMs = new byte[480 * 2];
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            for (int tick = 0; loudChunks(heard) < 50 && System.nanoTime() < deadline; tick++) {
                for (int i = 0; i < 480; i++) {
                    short sample = (short) (10_000 * Math.sin(2 * Math.PI * 440 * (tick * 480 + i) / 48_000.0));
                    tenMs[2 * i] = (byte) sample;
                    tenMs[2 * i + 1] = (byte) (sample >> 8);
                }
                tone.pushAudio(tenMs, 16, 48_000, 1, 480);
                Thread.sleep(10);
            }

            assertThat(answer).contains("a=recvonly");
            assertThat(loudChunks(heard)).isGreaterThanOrEqualTo(50);
            assertThat(heard.getFirst().format().sampleRateHz()).isEqualTo(48_000);
            System.out.printf("[subscriber] %d chunks, format %s%n", heard.size(), heard.getFirst().format());
        } finally {
            for (var sender : microphone.getSenders()) {
                microphone.removeTrack(sender); // a sender holds its track until detached
            }
            microphone.close();
            track.dispose();
            tone.dispose();
        }
    }

    @Test
    void shouldRefuseAnOfferWithoutAudio() {
        try (Subscriber subscriber = new Subscriber(receivers, chunk -> { }, state -> { })) {
            assertThatThrownBy(() -> subscriber.answer("v=0\r\nm=video 9 UDP/TLS/RTP/SAVPF 96\r\n"))
                    .isInstanceOf(SdpException.class).hasMessageContaining("no audio");
            assertThatThrownBy(() -> subscriber.answer("garbage")).isInstanceOf(SdpException.class);
        }
    }

    private static long loudChunks(List<PcmChunk> chunks) {
        return chunks.stream().filter(chunk -> {
            long sum = 0;
            for (int i = 0; i < chunk.sampleCount(); i++) {
                sum += Math.abs(chunk.samples()[i]);
            }
            return chunk.sampleCount() > 0 && sum / chunk.sampleCount() > 1000;
        }).count();
    }
}
