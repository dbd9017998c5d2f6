package dev.facecast.tts.inworld;

import dev.facecast.media.speech.PhoneTiming;
import dev.facecast.provider.ErrorKind;

import java.util.List;

/** What happened to one context, as the connection's reader hands it to the synthesizing thread. */
sealed interface InworldEvent {

    /** {@code contextCreated}: Inworld took the context, the first-output deadline starts. */
    record Created() implements InworldEvent {
    }

    /** {@code audioChunk}: raw bytes as sent (a WAV header possibly first) and the phones that start in them. */
    record Audio(byte[] bytes, List<PhoneTiming> phones) implements InworldEvent {
    }

    /** {@code flushCompleted}: everything sent so far was spoken. */
    record FlushCompleted() implements InworldEvent {
    }

    /** {@code contextClosed}, or our own close: nothing more comes. */
    record Closed() implements InworldEvent {
    }

    /** The context failed: a non-zero status, an unreadable message, the connection lost. */
    record Failed(ErrorKind kind, String message) implements InworldEvent {
    }
}
