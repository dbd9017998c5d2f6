package dev.facecast.engine.srtp;

import org.jitsi.utils.ByteArrayBuffer;

/**
 * A reusable packet buffer in the shape jitsi-srtp transforms in place: one array, big
 * enough for any packet plus SRTP's trailer, so protecting never allocates.
 *
 * <p>Not thread-safe: each network thread owns its own.
 */
public final class PacketBuffer implements ByteArrayBuffer {

    /** A UDP payload on an ethernet path, with room for SRTCP's index and tag. */
    public static final int CAPACITY_BYTES = 1600;

    private byte[] buffer = new byte[CAPACITY_BYTES];
    private int offset;
    private int length;

    /** Copies {@code count} bytes in, replacing what was there. */
    public void set(byte[] source, int from, int count) {
        if (count > buffer.length) {
            buffer = new byte[count + 64];
        }
        System.arraycopy(source, from, buffer, 0, count);
        offset = 0;
        length = count;
    }

    @Override
    public byte[] getBuffer() {
        return buffer;
    }

    @Override
    public int getOffset() {
        return offset;
    }

    @Override
    public int getLength() {
        return length;
    }

    @Override
    public void setLength(int length) {
        this.length = length;
    }

    @Override
    public void setOffset(int offset) {
        this.offset = offset;
    }

    @Override
    public boolean isInvalid() {
        return false;
    }

    @Override
    public void readRegionToBuff(int off, int len, byte[] outBuff) {
        System.arraycopy(buffer, offset + off, outBuff, 0, len);
    }

    @Override
    public void grow(int howMuch) {
        if (offset + length + howMuch > buffer.length) {
            byte[] bigger = new byte[offset + length + howMuch];
            System.arraycopy(buffer, 0, bigger, 0, offset + length);
            buffer = bigger;
        }
    }

    @Override
    public void append(byte[] data, int len) {
        grow(len);
        System.arraycopy(data, 0, buffer, offset + length, len);
        length += len;
    }

    @Override
    public void shrink(int len) {
        length = Math.max(0, length - len);
    }
}
