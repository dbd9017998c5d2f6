package dev.facecast.codec;

import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * A mono Opus decoder over libopus: to check what {@link OpusEncoder} sends, and later to
 * receive. Packets are copied into a native buffer and PCM out of one, both made at
 * construction, so nothing is allocated per packet.
 *
 * <p>Threading: one thread at a time; see {@link NativeCodec}.
 */
public final class OpusDecoder extends NativeCodec {

    /** The longest packet Opus codes, 120 ms (RFC 6716, section 3.2.5). */
    private static final int MAX_PACKET_MS = 120;

    private final OpusLibrary opus;
    private final int sampleRateHz;
    private final int maxSamples;
    private final MemorySegment packet;
    private final MemorySegment pcm;
    private MemorySegment state = MemorySegment.NULL;

    /**
     * @param sampleRateHz the PCM rate to decode to: 8, 12, 16, 24 or 48 kHz, whatever the
     *                     packets were coded at
     * @throws IllegalStateException when libopus0 is not installed, saying so
     */
    public OpusDecoder(int sampleRateHz) {
        if (sampleRateHz != 8_000 && sampleRateHz != 12_000 && sampleRateHz != 16_000 && sampleRateHz != 24_000
                && sampleRateHz != 48_000) {
            throw new IllegalArgumentException("Opus decodes to 8, 12, 16, 24 or 48 kHz, not " + sampleRateHz + " Hz");
        }
        OpusLibrary opus = OpusLibrary.load();
        super();
        this.opus = opus;
        this.sampleRateHz = sampleRateHz;
        this.maxSamples = sampleRateHz * MAX_PACKET_MS / 1000;
        this.packet = arena.allocate(OpusEncoder.MAX_PACKET_BYTES);
        this.pcm = arena.allocate(JAVA_SHORT, maxSamples);
        try {
            MemorySegment error = arena.allocate(JAVA_INT);
            state = (MemorySegment) opus.decoderCreate.invokeExact(sampleRateHz, 1, error);
            opus.check(error.get(JAVA_INT, 0), "opus_decoder_create");
        } catch (Throwable failure) {
            close();
            throw failure instanceof RuntimeException runtime ? runtime : new IllegalStateException(failure);
        }
    }

    public int sampleRateHz() {
        return sampleRateHz;
    }

    /**
     * Decodes {@code data[from, from + sizeBytes)} into {@code samples} from {@code to}, which
     * needs room for the packet's duration (at most 120 ms).
     *
     * @return samples decoded
     */
    public int decode(byte[] data, int from, int sizeBytes, short[] samples, int to) {
        checkOpen();
        if (sizeBytes > packet.byteSize()) {
            throw new IllegalArgumentException("a packet of " + sizeBytes + " bytes exceeds " + packet.byteSize());
        }
        MemorySegment.copy(data, from, packet, JAVA_BYTE, 0, sizeBytes);
        int room = Math.min(maxSamples, samples.length - to);
        try {
            int decoded = opus.check((int) opus.decode.invokeExact(state, packet, sizeBytes, pcm, room, 0), "opus_decode");
            MemorySegment.copy(pcm, JAVA_SHORT, 0, samples, to, decoded);
            return decoded;
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    void destroyNative() throws Throwable {
        if (!state.equals(MemorySegment.NULL)) {
            opus.decoderDestroy.invokeExact(state);
        }
    }
}
