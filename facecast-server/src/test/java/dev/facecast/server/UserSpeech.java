package dev.facecast.server;

import dev.facecast.media.audio.AudioFormat;
import dev.facecast.media.audio.Pcm16;
import dev.facecast.media.audio.PcmChunk;
import dev.facecast.testsupport.Wav;
import dev.facecast.tts.SpeechSynthesizer;
import dev.facecast.tts.SpokenAudio;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * What the user says in an end-to-end test: a voice's speech at the microphone's 48 kHz mono,
 * and where in it the speech starts and ends (the first and last 10 ms at the level the
 * server's voice activity counts as speech).
 *
 * @param samples       the whole utterance, silence around the speech included
 * @param speechStartMs the start of its first speech-level 10 ms
 * @param speechEndMs   the end of its last speech-level 10 ms
 */
record UserSpeech(short[] samples, long speechStartMs, long speechEndMs) {

    static final AudioFormat MICROPHONE = AudioFormat.mono(48_000);
    /** The server's speech level ({@code BargeInDetector.SPEECH_RMS_LEVEL}, about -34 dBFS). */
    private static final double SPEECH_RMS = 0.02;
    private static final int CHUNK_MS = 10;

    /** {@code text} spoken by {@code voice} after {@code leadingSilenceMs} of silence and followed by {@code trailingSilenceMs}. */
    static UserSpeech spoken(SpeechSynthesizer voice, String text, long leadingSilenceMs, long trailingSilenceMs) {
        List<PcmChunk> speech = SpokenAudio.tenMsChunks(voice, text, MICROPHONE, trailingSilenceMs);
        int first = SpokenAudio.firstChunkAtLevel(speech, SPEECH_RMS);
        if (first < 0) {
            throw new IllegalStateException(voice.name() + " said nothing at speech level for: " + text);
        }
        int last = SpokenAudio.lastChunkAtLevel(speech, SPEECH_RMS);
        List<PcmChunk> chunks = new ArrayList<>();
        chunks.add(PcmChunk.silence(MICROPHONE, MICROPHONE.framesIn(leadingSilenceMs)));
        chunks.addAll(speech);
        return new UserSpeech(Pcm16.join(chunks), leadingSilenceMs + (long) first * CHUNK_MS,
                leadingSilenceMs + (last + 1L) * CHUNK_MS);
    }

    /** Writes it as a WAV, such as Chromium's fake microphone plays; returns the file. */
    Path writeWav(Path file) throws IOException {
        return Wav.write(file, MICROPHONE, samples);
    }

    /** Its samples as 16-bit little-endian PCM in base64, for a page to decode. */
    String base64() {
        byte[] pcm = new byte[samples.length * AudioFormat.BYTES_PER_SAMPLE];
        Pcm16.toLittleEndian(samples, samples.length, pcm, 0);
        return Base64.getEncoder().encodeToString(pcm);
    }
}
