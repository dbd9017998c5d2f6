package dev.facecast.webrtc;

import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.media.audio.HeadlessAudioDeviceModule;

/**
 * The shared factory for receive-only peers (test and load-test receivers). Receiving audio
 * into Java needs a headless audio device with playout started.
 */
public final class ReceiverRuntime implements AutoCloseable {

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
