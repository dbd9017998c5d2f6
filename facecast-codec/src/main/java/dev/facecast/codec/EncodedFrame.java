package dev.facecast.codec;

/**
 * One coded video frame in a buffer its owner allocates once and reuses: the encoder writes
 * into it, so steady-state encoding allocates nothing.
 *
 * <p>Ownership: the caller owns the holder and its buffer. {@link Vp8Encoder#encode} overwrites
 * both; bytes {@code [0, sizeBytes())} stay valid until the next encode into the same holder.
 * A caller that must keep a frame longer (a retransmission buffer) copies it out.
 */
public final class EncodedFrame {

    private final byte[] buffer;
    private int sizeBytes;
    private boolean keyframe;

    public EncodedFrame(int capacityBytes) {
        this.buffer = new byte[capacityBytes];
    }

    /** A holder large enough for any frame of {@code settings}. */
    public static EncodedFrame forSettings(Vp8Settings settings) {
        return new EncodedFrame(settings.maxFrameBytes());
    }

    public byte[] buffer() {
        return buffer;
    }

    /** Bytes of the frame; zero when the encoder produced none for the last picture. */
    public int sizeBytes() {
        return sizeBytes;
    }

    /** Whether the frame decodes on its own (a receiver can start, or recover, from it). */
    public boolean keyframe() {
        return keyframe;
    }

    void set(int sizeBytes, boolean keyframe) {
        this.sizeBytes = sizeBytes;
        this.keyframe = keyframe;
    }
}
