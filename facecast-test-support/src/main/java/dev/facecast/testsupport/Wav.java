package dev.facecast.testsupport;

import dev.facecast.media.audio.AudioFormat;
import dev.facecast.media.audio.Pcm16;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** 16-bit PCM WAV files, such as what a fake microphone plays. */
public final class Wav {

    private static final int HEADER_BYTES = 44;

    private Wav() {
    }

    /** Writes {@code samples} (interleaved, in {@code format}) to {@code file} as a WAV; returns the file. */
    public static Path write(Path file, AudioFormat format, short[] samples) throws IOException {
        int dataBytes = samples.length * AudioFormat.BYTES_PER_SAMPLE;
        int blockAlign = format.channels() * AudioFormat.BYTES_PER_SAMPLE;
        ByteBuffer wav = ByteBuffer.allocate(HEADER_BYTES + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        wav.put(ascii("RIFF")).putInt(HEADER_BYTES - 8 + dataBytes).put(ascii("WAVE"))
                .put(ascii("fmt ")).putInt(16).putShort((short) 1).putShort((short) format.channels())
                .putInt(format.sampleRateHz()).putInt(format.sampleRateHz() * blockAlign)
                .putShort((short) blockAlign).putShort((short) 16)
                .put(ascii("data")).putInt(dataBytes);
        Pcm16.toLittleEndian(samples, samples.length, wav.array(), HEADER_BYTES);
        return Files.write(file, wav.array());
    }

    private static byte[] ascii(String tag) {
        return tag.getBytes(StandardCharsets.US_ASCII);
    }
}
