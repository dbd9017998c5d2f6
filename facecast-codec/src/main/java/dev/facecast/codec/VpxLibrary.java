package dev.facecast.codec;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The narrow wrapper around libvpx 1.12 (Debian: {@code libvpx7}): the functions the VP8
 * encoder and decoder call, bound once. Signatures follow {@code vpx/vpx_codec.h},
 * {@code vpx_encoder.h}, {@code vpx_decoder.h} and {@code vpx_image.h} on x86-64 (LP64:
 * {@code long} and {@code unsigned long} are 64-bit).
 */
public final class VpxLibrary {

    static final String SONAME = "libvpx.so.7";
    /** VPX_ENCODER_ABI_VERSION of libvpx 1.12: init fails with an ABI mismatch on any other. */
    static final int ENCODER_ABI_VERSION = 25;
    /** VPX_DECODER_ABI_VERSION of libvpx 1.12. */
    static final int DECODER_ABI_VERSION = 12;

    private static final LibraryLoader<VpxLibrary> LOADER = new LibraryLoader<>(SONAME, "libvpx7", VpxLibrary::new);

    final MemorySegment vp8Encoder;
    final MemorySegment vp8Decoder;
    final MethodHandle encConfigDefault;
    final MethodHandle encInit;
    final MethodHandle encConfigSet;
    final MethodHandle decInit;
    final MethodHandle imgWrap;
    final MethodHandle encode;
    final MethodHandle getCxData;
    final MethodHandle controlInt;
    final MethodHandle controlPointer;
    final MethodHandle decode;
    final MethodHandle getFrame;
    final MethodHandle destroy;
    final MethodHandle errorToString;

    private VpxLibrary(SymbolLookup vpx) throws Throwable {
        Linker linker = Linker.nativeLinker();
        this.vp8Encoder = (MemorySegment) linker.downcallHandle(LibraryLoader.find(vpx, "vpx_codec_vp8_cx"),
                FunctionDescriptor.of(ADDRESS)).invokeExact();
        this.vp8Decoder = (MemorySegment) linker.downcallHandle(LibraryLoader.find(vpx, "vpx_codec_vp8_dx"),
                FunctionDescriptor.of(ADDRESS)).invokeExact();
        // (iface, cfg, unsigned int usage)
        this.encConfigDefault = bind(linker, vpx, "vpx_codec_enc_config_default", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT));
        // (ctx, iface, cfg, vpx_codec_flags_t flags, int ver)
        this.encInit = bind(linker, vpx, "vpx_codec_enc_init_ver", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT));
        // (ctx, cfg): a new rate target while encoding
        this.encConfigSet = bind(linker, vpx, "vpx_codec_enc_config_set", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        this.decInit = bind(linker, vpx, "vpx_codec_dec_init_ver", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT));
        // (img, fmt, d_w, d_h, stride_align, img_data)
        this.imgWrap = bind(linker, vpx, "vpx_img_wrap", FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS));
        // (ctx, img, vpx_codec_pts_t pts, unsigned long duration, vpx_enc_frame_flags_t flags, unsigned long deadline)
        this.encode = bind(linker, vpx, "vpx_codec_encode", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG));
        // (ctx, vpx_codec_iter_t *iter)
        this.getCxData = bind(linker, vpx, "vpx_codec_get_cx_data", FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS));
        // vpx_codec_control_(ctx, int ctrl_id, ...) is variadic: one binding per argument type.
        MemorySegment control = LibraryLoader.find(vpx, "vpx_codec_control_");
        this.controlInt = linker.downcallHandle(control, FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT),
                Linker.Option.firstVariadicArg(2));
        this.controlPointer = linker.downcallHandle(control, FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS),
                Linker.Option.firstVariadicArg(2));
        // (ctx, data, unsigned int data_sz, void *user_priv, long deadline)
        this.decode = bind(linker, vpx, "vpx_codec_decode", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, ADDRESS, JAVA_LONG));
        this.getFrame = bind(linker, vpx, "vpx_codec_get_frame", FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS));
        this.destroy = bind(linker, vpx, "vpx_codec_destroy", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        this.errorToString = bind(linker, vpx, "vpx_codec_err_to_string", FunctionDescriptor.of(ADDRESS, JAVA_INT));
    }

    /** libvpx, bound; throws, naming the package to install, when it is missing. */
    static VpxLibrary load() {
        return LOADER.load();
    }

    public static boolean isAvailable() {
        return unavailabilityCause() == null;
    }

    /** Why libvpx cannot be used here, or null when it can (loads it on first call). */
    public static Throwable unavailabilityCause() {
        return LOADER.unavailabilityCause();
    }

    /** Throws with libvpx's own words for a non-zero vpx_codec_err_t. */
    void check(int error, String what) {
        if (error != 0) {
            throw new IllegalStateException(what + " failed: " + errorText(error) + " (" + error + ")");
        }
    }

    private String errorText(int error) {
        try {
            return ((MemorySegment) errorToString.invokeExact(error)).reinterpret(256).getString(0);
        } catch (Throwable e) {
            return "vpx_codec_err_t " + error;
        }
    }

    private static MethodHandle bind(Linker linker, SymbolLookup vpx, String name, FunctionDescriptor descriptor) {
        return linker.downcallHandle(LibraryLoader.find(vpx, name), descriptor);
    }
}
