package dev.facecast.tts;

import dev.facecast.media.audio.PcmChunk;
import dev.facecast.media.speech.PhoneTiming;

import java.util.List;

/**
 * Receives one synthesis as it streams. Calls come in order on the synthesizing thread.
 * Phone times count from the start of this synthesis's audio, so they line up with the
 * chunks whatever the sample rate.
 */
public interface SpeechSink {

    /** The next run of audio; ownership of the chunk passes to the sink. */
    void onAudio(PcmChunk chunk);

    /** Phones of the audio delivered so far or about to be; engines without timings never call it. */
    default void onPhones(List<PhoneTiming> phones) {
    }
}
