package dev.facecast.codec;

import dev.facecast.media.video.I420Frame;

import java.lang.foreign.MemorySegment;

import static dev.facecast.codec.VpxStructs.*;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * A VP8 decoder over libvpx, one thread: to check what {@link Vp8Encoder} sends (round trips,
 * quality measures), and later to receive. Coded bytes are copied into one native buffer made
 * at construction and decoded pictures are copied out into the caller's frame, so nothing is
 * allocated per frame.
 *
 * <p>Threading: one thread at a time; see {@link NativeCodec}.
 */
public final class Vp8Decoder extends NativeCodec {

    private static final long DEADLINE_NONE = 0;

    private final VpxLibrary vpx;
    private final MemorySegment context;
    private final MemorySegment coded;
    private final MemorySegment iterator;
    private boolean contextReady;

    /**
     * @param maxFrameBytes the largest coded frame {@link #decode} will be given
     * @throws IllegalStateException when libvpx7 is not installed, saying so
     */
    public Vp8Decoder(int maxFrameBytes) {
        if (maxFrameBytes <= 0) {
            throw new IllegalArgumentException("the largest frame must be positive, not " + maxFrameBytes + " bytes");
        }
        VpxLibrary vpx = VpxLibrary.load();
        super();
        this.vpx = vpx;
        this.context = arena.allocate(CTX_BYTES, 16);
        this.coded = arena.allocate(maxFrameBytes, 16);
        this.iterator = arena.allocate(ADDRESS);
        try {
            // A null vpx_codec_dec_cfg_t: size from the stream, one thread.
            vpx.check((int) vpx.decInit.invokeExact(context, vpx.vp8Decoder, MemorySegment.NULL, 0L,
                    VpxLibrary.DECODER_ABI_VERSION), "vpx_codec_dec_init_ver");
            contextReady = true;
        } catch (Throwable failure) {
            close();
            throw failure instanceof RuntimeException runtime ? runtime : new IllegalStateException(failure);
        }
    }

    /**
     * Decodes one coded frame, {@code data[0, sizeBytes)}, into {@code out}, which must be the
     * stream's picture size.
     *
     * @return whether a picture came out (false for a frame libvpx holds back, which VP8 with
     *         no lookahead never does)
     * @throws IllegalStateException when the data is not VP8 libvpx can decode
     */
    public boolean decode(byte[] data, int sizeBytes, I420Frame out) {
        checkOpen();
        if (sizeBytes > coded.byteSize()) {
            throw new IllegalArgumentException(sizeBytes + " bytes exceed this decoder's " + coded.byteSize());
        }
        MemorySegment.copy(data, 0, coded, JAVA_BYTE, 0, sizeBytes);
        try {
            vpx.check((int) vpx.decode.invokeExact(context, coded, sizeBytes, MemorySegment.NULL, DEADLINE_NONE),
                    "vpx_codec_decode");
            iterator.set(ADDRESS, 0, MemorySegment.NULL);
            MemorySegment image = (MemorySegment) vpx.getFrame.invokeExact(context, iterator);
            if (image.equals(MemorySegment.NULL)) {
                return false;
            }
            copyPicture(image.reinterpret(IMAGE_BYTES), out);
            return true;
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private static void copyPicture(MemorySegment image, I420Frame out) {
        int width = image.get(JAVA_INT, IMAGE_D_W);
        int height = image.get(JAVA_INT, IMAGE_D_H);
        if (image.get(JAVA_INT, IMAGE_FMT) != IMG_FMT_I420 || width != out.width() || height != out.height()) {
            throw new IllegalArgumentException("decoded " + width + "x" + height + " (format " + image.get(JAVA_INT, IMAGE_FMT)
                    + "), frame is " + out.width() + "x" + out.height() + " I420");
        }
        for (int plane = 0; plane < 3; plane++) {
            int planeWidth = plane == 0 ? width : width / 2;
            int planeHeight = plane == 0 ? height : height / 2;
            int planeOffset = plane == 0 ? 0 : plane == 1 ? out.offsetU() : out.offsetV();
            int stride = image.get(JAVA_INT, IMAGE_STRIDES + 4L * plane);
            // libvpx pads its planes: rows are copied one by one, the padding left behind.
            MemorySegment rows = image.get(ADDRESS, IMAGE_PLANES + ADDRESS.byteSize() * plane)
                    .reinterpret((long) stride * planeHeight);
            for (int y = 0; y < planeHeight; y++) {
                MemorySegment.copy(rows, JAVA_BYTE, (long) y * stride, out.data(), planeOffset + y * planeWidth, planeWidth);
            }
        }
    }

    @Override
    void destroyNative() throws Throwable {
        if (contextReady) {
            vpx.check((int) vpx.destroy.invokeExact(context), "vpx_codec_destroy");
        }
    }
}
