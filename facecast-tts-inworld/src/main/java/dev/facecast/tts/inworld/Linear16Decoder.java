package dev.facecast.tts.inworld;

import java.util.Arrays;

/**
 * Inworld's audio chunks to samples: 16-bit little-endian PCM, where a LINEAR16 chunk may begin
 * with a RIFF/WAVE header (Inworld's docs; pipecat and LiveKit strip it), which is skipped up to
 * its {@code data} chunk. A sample split across two chunks is carried over. One stream, one thread.
 */
final class Linear16Decoder {

    private static final short[] NONE = new short[0];

    private int carried = -1;

    /** The whole samples in {@code bytes} (after any header), plus a byte carried from the last call. */
    short[] decode(byte[] bytes) {
        int start = wavDataOffset(bytes);
        int available = bytes.length - start + (carried >= 0 ? 1 : 0);
        if (available < 2) {
            if (available == 1 && carried < 0) {
                carried = bytes[start] & 0xff;
            }
            return NONE;
        }
        short[] samples = new short[available / 2];
        int at = start;
        int index = 0;
        if (carried >= 0) {
            samples[index++] = (short) (carried | (bytes[at++] << 8));
            carried = -1;
        }
        while (index < samples.length) {
            samples[index++] = (short) ((bytes[at] & 0xff) | (bytes[at + 1] << 8));
            at += 2;
        }
        if (at < bytes.length) {
            carried = bytes[at] & 0xff;
        }
        return samples;
    }

    /** Where the samples start: after a RIFF header's "data" chunk header, or at 0 without one. */
    static int wavDataOffset(byte[] bytes) {
        if (bytes.length < 12 || !tag(bytes, 0, "RIFF") || !tag(bytes, 8, "WAVE")) {
            return 0;
        }
        int at = 12;
        while (at + 8 <= bytes.length) {
            int size = (bytes[at + 4] & 0xff) | (bytes[at + 5] & 0xff) << 8 | (bytes[at + 6] & 0xff) << 16 | (bytes[at + 7] & 0xff) << 24;
            if (tag(bytes, at, "data")) {
                return at + 8;
            }
            if (size < 0 || at + 8L + size > bytes.length) {
                break;
            }
            at += 8 + size + (size & 1); // RIFF chunks are padded to even sizes
        }
        return Math.min(bytes.length, 44); // a header we cannot walk: the canonical size
    }

    private static boolean tag(byte[] bytes, int at, String tag) {
        return Arrays.equals(bytes, at, at + 4, tag.getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, 4);
    }
}
