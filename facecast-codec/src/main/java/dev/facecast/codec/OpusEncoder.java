package dev.facecast.codec;

import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * A mono Opus encoder over libopus for speech (OPUS_APPLICATION_VOIP), 20 ms a packet. PCM is
 * copied into a native buffer and the packet out of one, both made at construction, so
 * nothing is allocated per frame.
 *
 * <p>Threading: one thread at a time; see {@link NativeCodec}.
 */
public final class OpusEncoder extends NativeCodec {

    /**
     * Room for any packet this encoder makes: one 20 ms frame is at most 1275 bytes plus its
     * table-of-contents byte (RFC 6716, section 3.2); 1500, as libopus's own opus_demo.
     */
    public static final int MAX_PACKET_BYTES = 1500;

    private final OpusLibrary opus;
    private final OpusSettings settings;
    private final MemorySegment pcm;
    private final MemorySegment packet;
    private MemorySegment state = MemorySegment.NULL;

    /** @throws IllegalStateException when libopus0 is not installed, saying so */
    public OpusEncoder(OpusSettings settings) {
        OpusLibrary opus = OpusLibrary.load();
        super();
        this.opus = opus;
        this.settings = settings;
        this.pcm = arena.allocate(JAVA_SHORT, settings.frameSamples());
        this.packet = arena.allocate(MAX_PACKET_BYTES);
        try {
            MemorySegment error = arena.allocate(JAVA_INT);
            state = (MemorySegment) opus.encoderCreate.invokeExact(settings.sampleRateHz(), 1, OpusLibrary.APPLICATION_VOIP, error);
            opus.check(error.get(JAVA_INT, 0), "opus_encoder_create");
            ctl(OpusLibrary.SET_BITRATE_REQUEST, settings.bitrateBps());
            ctl(OpusLibrary.SET_INBAND_FEC_REQUEST, settings.inbandFec() ? 1 : 0);
            ctl(OpusLibrary.SET_DTX_REQUEST, settings.dtx() ? 1 : 0);
        } catch (Throwable failure) {
            close();
            throw failure instanceof RuntimeException runtime ? runtime : new IllegalStateException(failure);
        }
    }

    public static boolean isAvailable() {
        return OpusLibrary.isAvailable();
    }

    /** Why libopus cannot be used here, or null when it can. */
    public static Throwable unavailabilityCause() {
        return OpusLibrary.unavailabilityCause();
    }

    public OpusSettings settings() {
        return settings;
    }

    /**
     * Codes one 20 ms frame, {@code samples[from, from + settings().frameSamples())}, into
     * {@code out} from {@code outOffset} (room for a payload after a header). The caller owns
     * {@code out}; the packet's bytes are its own once this returns.
     *
     * @return the packet's size in bytes
     * @throws IllegalStateException when libopus fails, for one when {@code out} has too little room
     */
    public int encode(short[] samples, int from, byte[] out, int outOffset) {
        checkOpen();
        int frameSamples = settings.frameSamples();
        MemorySegment.copy(samples, from, pcm, JAVA_SHORT, 0, frameSamples);
        int room = Math.min(MAX_PACKET_BYTES, out.length - outOffset);
        try {
            int sizeBytes = opus.check((int) opus.encode.invokeExact(state, pcm, frameSamples, packet, room), "opus_encode");
            MemorySegment.copy(packet, JAVA_BYTE, 0, out, outOffset, sizeBytes);
            return sizeBytes;
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * How far the coded sound lags the PCM given (OPUS_GET_LOOKAHEAD: 2.5 ms plus the
     * encoder's delay compensation, 6.5 ms in all for VoIP): a decoder's output at a packet's
     * timestamp t is the input from t minus this. A sender that stamps packets by their first
     * input sample subtracts it, or its sound plays this much late against its picture.
     */
    public int lookaheadSamples() {
        checkOpen();
        MemorySegment value = arena.allocate(JAVA_INT);
        try {
            opus.check((int) opus.encoderCtlGet.invokeExact(state, OpusLibrary.GET_LOOKAHEAD_REQUEST, value), "OPUS_GET_LOOKAHEAD");
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
        return value.get(JAVA_INT, 0);
    }

    private void ctl(int request, int value) throws Throwable {
        opus.check((int) opus.encoderCtl.invokeExact(state, request, value), "opus_encoder_ctl " + request);
    }

    @Override
    void destroyNative() throws Throwable {
        if (!state.equals(MemorySegment.NULL)) {
            opus.encoderDestroy.invokeExact(state);
        }
    }
}
