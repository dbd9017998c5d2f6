package dev.facecast.webrtc;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * libwebrtc's two factories for a test class: one that publishes, one that receives. Register
 * as a static field; receivers close before publishers, as the server closes them.
 */
final class Runtimes implements BeforeAllCallback, AfterAllCallback {

    WebRtcRuntime publishers;
    ReceiverRuntime receivers;

    @Override
    public void beforeAll(ExtensionContext context) {
        publishers = WebRtcRuntime.start();
        receivers = new ReceiverRuntime();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        receivers.close();
        publishers.close();
    }
}
