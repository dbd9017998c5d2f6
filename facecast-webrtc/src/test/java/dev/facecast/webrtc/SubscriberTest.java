package dev.facecast.webrtc;

import dev.facecast.media.sdp.SdpException;
import dev.facecast.media.sdp.SdpOffer;
import dev.facecast.media.audio.AudioLevels;
import dev.facecast.media.audio.Pcm16;
import dev.facecast.media.audio.PcmChunk;
import dev.facecast.testsupport.CheckLeaks;
import dev.onvoid.webrtc.RTCConfiguration;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCRtpTransceiverDirection;
import dev.onvoid.webrtc.RTCRtpTransceiverInit;
import dev.onvoid.webrtc.RTCSdpType;
import dev.onvoid.webrtc.media.audio.AudioTrack;
import dev.onvoid.webrtc.media.audio.CustomAudioSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** WHIP: a peer sends a tone as its microphone; the subscriber hands it to Java as PCM. */
@Tag("native")
@CheckLeaks
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SubscriberTest {

    /** The RMS above which a chunk counts as loud: 1,000 of full scale's 32,768. */
    private static final double LOUD = 1_000 / 32_768.0;

    @RegisterExtension
    static final Runtimes runtimes = new Runtimes();

    @Test
    void shouldReceiveTheMicrophoneAsPcm() throws Exception {
        List<PcmChunk> heard = new CopyOnWriteArrayList<>();
        CustomAudioSource tone = new CustomAudioSource();
        AudioTrack track = runtimes.publishers.publisherFactory().createAudioTrack("mic", tone);
        RTCPeerConnection microphone = runtimes.publishers.publisherFactory().createPeerConnection(new RTCConfiguration(), new GatheringObserver() { });
        try (Subscriber subscriber = new Subscriber(runtimes.receivers, heard::add, state -> { })) {
            RTCRtpTransceiverInit sendOnly = new RTCRtpTransceiverInit();
            sendOnly.direction = RTCRtpTransceiverDirection.SEND_ONLY;
            microphone.addTransceiver(track, sendOnly);
            SignalingSteps steps = new SignalingSteps(microphone);
            steps.createAndSetOffer();
            Thread.sleep(300); // host candidates gather quickly; the answer carries the subscriber's
            String answer = subscriber.answer(microphone.getLocalDescription().sdp);
            steps.setRemote(RTCSdpType.ANSWER, answer);

            short[] tenMs = new short[480];
            byte[] tenMsBytes = new byte[480 * 2];
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            for (int tick = 0; loudChunks(heard) < 50 && System.nanoTime() < deadline; tick++) {
                for (int i = 0; i < 480; i++) {
                    tenMs[i] = (short) (10_000 * Math.sin(2 * Math.PI * 440 * (tick * 480 + i) / 48_000.0));
                }
                Pcm16.toLittleEndian(tenMs, tenMs.length, tenMsBytes, 0);
                tone.pushAudio(tenMsBytes, 16, 48_000, 1, 480);
                Thread.sleep(10); // 10 ms of audio every 10 ms, as a microphone sends it
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
        try (Subscriber subscriber = new Subscriber(runtimes.receivers, chunk -> { }, state -> { })) {
            assertThatThrownBy(() -> subscriber.answer("v=0\r\nm=video 9 UDP/TLS/RTP/SAVPF 96\r\n"))
                    .isInstanceOf(SdpException.class).hasMessageContaining("no audio");
            assertThatThrownBy(() -> subscriber.answer("garbage")).isInstanceOf(SdpException.class);
        }
    }

    private static long loudChunks(List<PcmChunk> chunks) {
        return chunks.stream().filter(chunk -> AudioLevels.rms(chunk) > LOUD).count();
    }
}
