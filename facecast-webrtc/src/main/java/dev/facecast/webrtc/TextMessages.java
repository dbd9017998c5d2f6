package dev.facecast.webrtc;

import dev.onvoid.webrtc.RTCDataChannelBuffer;
import dev.onvoid.webrtc.RTCDataChannelObserver;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** Hands a data channel's text messages (UTF-8) to whoever listens now; binary ones are ignored. */
final class TextMessages implements RTCDataChannelObserver {

    private final Supplier<Consumer<String>> listener;

    /** @param listener read at each message, so a listener set later still hears what follows */
    TextMessages(Supplier<Consumer<String>> listener) {
        this.listener = listener;
    }

    @Override
    public void onBufferedAmountChange(long previousAmount) {
    }

    @Override
    public void onStateChange() {
    }

    @Override
    public void onMessage(RTCDataChannelBuffer buffer) {
        if (!buffer.binary) {
            byte[] bytes = new byte[buffer.data.remaining()];
            buffer.data.get(bytes);
            listener.get().accept(new String(bytes, StandardCharsets.UTF_8));
        }
    }
}
