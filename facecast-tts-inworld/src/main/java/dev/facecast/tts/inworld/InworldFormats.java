package dev.facecast.tts.inworld;

import dev.facecast.media.audio.AudioFormat;

/** The formats Inworld makes: 16-bit mono LINEAR16 at any rate from 8 to 48 kHz (docs.inworld.ai, {@code sampleRateHertz}). */
final class InworldFormats {

    /** What is declared native: Inworld's default rate, and the seed's hosted avatar's. */
    static final AudioFormat DEFAULT = AudioFormat.mono(24_000);
    private static final int MIN_RATE_HZ = 8_000;
    private static final int MAX_RATE_HZ = 48_000;

    private InworldFormats() {
    }

    /** {@code output} itself when Inworld can make it, so nothing is resampled; else the default. */
    static AudioFormat formatFor(AudioFormat output) {
        boolean makes = output.channels() == 1 && output.sampleRateHz() >= MIN_RATE_HZ && output.sampleRateHz() <= MAX_RATE_HZ;
        return makes ? output : DEFAULT;
    }
}
