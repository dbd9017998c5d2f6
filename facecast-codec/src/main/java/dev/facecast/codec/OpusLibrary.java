package dev.facecast.codec;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * The narrow wrapper around libopus (Debian: {@code libopus0}): the functions the Opus encoder
 * and decoder call, bound once. Signatures and constants follow {@code opus/opus.h} and
 * {@code opus/opus_defines.h} (opus_int32 is int; encoder and decoder states are opaque).
 */
public final class OpusLibrary {

    static final String SONAME = "libopus.so.0";

    static final int APPLICATION_VOIP = 2048;
    static final int SET_BITRATE_REQUEST = 4002;
    static final int SET_INBAND_FEC_REQUEST = 4012;
    static final int SET_DTX_REQUEST = 4016;
    static final int GET_LOOKAHEAD_REQUEST = 4027;

    private static final LibraryLoader<OpusLibrary> LOADER = new LibraryLoader<>(SONAME, "libopus0", OpusLibrary::new);

    final MethodHandle encoderCreate;
    final MethodHandle encode;
    final MethodHandle encoderCtl;
    final MethodHandle encoderCtlGet;
    final MethodHandle encoderDestroy;
    final MethodHandle decoderCreate;
    final MethodHandle decode;
    final MethodHandle decoderDestroy;
    final MethodHandle strerror;

    private OpusLibrary(SymbolLookup opus) {
        Linker linker = Linker.nativeLinker();
        // (opus_int32 Fs, int channels, int application, int *error)
        this.encoderCreate = bind(linker, opus, "opus_encoder_create", FunctionDescriptor.of(ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS));
        // (st, const opus_int16 *pcm, int frame_size, unsigned char *data, opus_int32 max_data_bytes)
        this.encode = bind(linker, opus, "opus_encode", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT));
        // opus_encoder_ctl(st, int request, ...) is variadic: setters take one opus_int32, getters an opus_int32*.
        this.encoderCtl = linker.downcallHandle(LibraryLoader.find(opus, "opus_encoder_ctl"),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT), Linker.Option.firstVariadicArg(2));
        this.encoderCtlGet = linker.downcallHandle(LibraryLoader.find(opus, "opus_encoder_ctl"),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS), Linker.Option.firstVariadicArg(2));
        this.encoderDestroy = bind(linker, opus, "opus_encoder_destroy", FunctionDescriptor.ofVoid(ADDRESS));
        // (opus_int32 Fs, int channels, int *error)
        this.decoderCreate = bind(linker, opus, "opus_decoder_create", FunctionDescriptor.of(ADDRESS, JAVA_INT, JAVA_INT, ADDRESS));
        // (st, const unsigned char *data, opus_int32 len, opus_int16 *pcm, int frame_size, int decode_fec)
        this.decode = bind(linker, opus, "opus_decode", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
        this.decoderDestroy = bind(linker, opus, "opus_decoder_destroy", FunctionDescriptor.ofVoid(ADDRESS));
        this.strerror = bind(linker, opus, "opus_strerror", FunctionDescriptor.of(ADDRESS, JAVA_INT));
    }

    /** libopus, bound; throws, naming the package to install, when it is missing. */
    static OpusLibrary load() {
        return LOADER.load();
    }

    public static boolean isAvailable() {
        return unavailabilityCause() == null;
    }

    /** Why libopus cannot be used here, or null when it can (loads it on first call). */
    public static Throwable unavailabilityCause() {
        return LOADER.unavailabilityCause();
    }

    /** Returns a non-negative result; throws with libopus's own words for a negative one. */
    int check(int result, String what) {
        if (result < 0) {
            throw new IllegalStateException(what + " failed: " + errorText(result) + " (" + result + ")");
        }
        return result;
    }

    private String errorText(int error) {
        try {
            return ((MemorySegment) strerror.invokeExact(error)).reinterpret(256).getString(0);
        } catch (Throwable e) {
            return "opus error " + error;
        }
    }

    private static MethodHandle bind(Linker linker, SymbolLookup opus, String name, FunctionDescriptor descriptor) {
        return linker.downcallHandle(LibraryLoader.find(opus, name), descriptor);
    }
}
