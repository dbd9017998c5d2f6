package dev.facecast.webrtc;

import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.media.audio.HeadlessAudioDeviceModule;

/**
 * The shared factory for receive-only peers (test and load-test receivers). Receiving audio
 * into Java needs a headless audio device with playout started.
 */
public final class ReceiverRuntime implements AutoCloseable {

    /**
     * How long after pulling audio for playout the headless device says it is heard: webrtc-java's
     * HeadlessAudioDeviceModule reports a nominal 50 ms as its PlayoutDelay, and libwebrtc's A/V
     * sync holds video back by it, as it would for a real device's output latency.
     */
    static final long PLAYOUT_DELAY_NS = 50_000_000L;

    private final HeadlessAudioDeviceModule audioDevice;
    private final PeerConnectionFactory factory;

    public ReceiverRuntime() {
        WebRtcRuntime.ensureAvailability();
        this.audioDevice = new HeadlessAudioDeviceModule();
        this.factory = new PeerConnectionFactory(audioDevice);
        audioDevice.initPlayout();
        audioDevice.startPlayout();
    }

    PeerConnectionFactory factory() {
        return factory;
    }

    @Override
    public void close() {
        audioDevice.stopPlayout();
        factory.dispose();
        audioDevice.dispose();
    }
}
