package dev.facecast.session;

import dev.facecast.media.audio.AudioFormat;
import dev.facecast.media.audio.PcmChunk;
import dev.facecast.tts.SpeechSynthesizer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A voice's speech cut into 10 ms microphone chunks, then silence: what a user would send. */
final class SpokenAudio {

    static final AudioFormat MICROPHONE = AudioFormat.mono(48_000);

    private SpokenAudio() {
    }

    static List<PcmChunk> tenMsChunks(SpeechSynthesizer voice, String text, long silenceAfterMs) {
        List<PcmChunk> spoken = new ArrayList<>();
        voice.synthesize(text, MICROPHONE, spoken::add, () -> false);
        int tenMs = MICROPHONE.framesIn(10);
        List<PcmChunk> chunks = new ArrayList<>();
        for (PcmChunk chunk : spoken) {
            for (int at = 0; at < chunk.frames(); at += tenMs) {
                short[] part = Arrays.copyOfRange(chunk.samples(), at, Math.min(at + tenMs, chunk.frames()));
                chunks.add(new PcmChunk(MICROPHONE, part, part.length));
            }
        }
        for (long ms = 0; ms < silenceAfterMs; ms += 10) {
            chunks.add(PcmChunk.silence(MICROPHONE, tenMs));
        }
        return chunks;
    }
}
