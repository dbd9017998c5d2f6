package dev.facecast.media.audio;

import java.util.List;

/** 16-bit samples as little-endian bytes (WAV files, libwebrtc's audio buffers), and chunks joined: for tools and tests. */
public final class Pcm16 {

    private Pcm16() {
    }

    /** Writes {@code samples[0, count)} into {@code out} from {@code offset} on, two bytes each, low byte first. */
    public static void toLittleEndian(short[] samples, int count, byte[] out, int offset) {
        for (int i = 0; i < count; i++) {
            out[offset + 2 * i] = (byte) samples[i];
            out[offset + 2 * i + 1] = (byte) (samples[i] >> 8);
        }
    }

    /** The valid samples of {@code chunks}, one after another. */
    public static short[] join(List<PcmChunk> chunks) {
        short[] joined = new short[chunks.stream().mapToInt(PcmChunk::sampleCount).sum()];
        int at = 0;
        for (PcmChunk chunk : chunks) {
            System.arraycopy(chunk.samples(), 0, joined, at, chunk.sampleCount());
            at += chunk.sampleCount();
        }
        return joined;
    }
}
