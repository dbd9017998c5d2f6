package dev.facecast.tts;

import dev.facecast.media.audio.AudioFormat;
import dev.facecast.media.audio.AudioLevels;
import dev.facecast.media.audio.Pcm16;
import dev.facecast.media.audio.PcmChunk;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A voice's speech as a microphone would send it: 10 ms chunks, then silence. For playing a
 * user into a session's microphone path, in tools and tests.
 */
public final class SpokenAudio {

    private static final int CHUNK_MS = 10;

    private SpokenAudio() {
    }

    /**
     * Speaks {@code text} in {@code format} and cuts it into 10 ms chunks (the last one padded
     * with silence), followed by {@code silenceAfterMs} of silent 10 ms chunks. Blocks while
     * the voice speaks.
     */
    public static List<PcmChunk> tenMsChunks(SpeechSynthesizer voice, String text, AudioFormat format, long silenceAfterMs) {
        List<PcmChunk> spoken = new ArrayList<>();
        voice.synthesize(text, format, spoken::add, () -> false);
        short[] speech = Pcm16.join(spoken);
        int framesPerChunk = format.framesIn(CHUNK_MS);
        int samplesPerChunk = framesPerChunk * format.channels();
        List<PcmChunk> chunks = new ArrayList<>();
        for (int at = 0; at < speech.length; at += samplesPerChunk) {
            // copyOfRange pads the last chunk with zeros: every chunk is 10 ms long
            chunks.add(new PcmChunk(format, Arrays.copyOfRange(speech, at, at + samplesPerChunk), framesPerChunk));
        }
        for (long ms = 0; ms < silenceAfterMs; ms += CHUNK_MS) {
            chunks.add(PcmChunk.silence(format, framesPerChunk));
        }
        return chunks;
    }

    /** The index of the first chunk at least {@code rmsLevel} of full scale loud; -1 when none is. */
    public static int firstChunkAtLevel(List<PcmChunk> chunks, double rmsLevel) {
        for (int i = 0; i < chunks.size(); i++) {
            if (AudioLevels.rms(chunks.get(i)) >= rmsLevel) {
                return i;
            }
        }
        return -1;
    }

    /** The index of the last chunk at least {@code rmsLevel} of full scale loud; -1 when none is. */
    public static int lastChunkAtLevel(List<PcmChunk> chunks, double rmsLevel) {
        for (int i = chunks.size() - 1; i >= 0; i--) {
            if (AudioLevels.rms(chunks.get(i)) >= rmsLevel) {
                return i;
            }
        }
        return -1;
    }
}
