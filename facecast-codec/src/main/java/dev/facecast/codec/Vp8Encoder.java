package dev.facecast.codec;

import dev.facecast.media.video.ChangedBlocks;
import dev.facecast.media.video.I420Frame;

import java.lang.foreign.MemorySegment;

import static dev.facecast.codec.VpxStructs.*;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * A real-time VP8 encoder over libvpx: one thread, CBR, error resilient, no lookahead, and
 * only the macroblocks the caller marks changed are coded (libvpx's active map); the others
 * are skipped as "unchanged since the last frame" at no cost in bits or CPU.
 *
 * <p>Memory: the picture is copied into one native buffer made at construction (libvpx keeps
 * pointers into it, so a Java array cannot be lent), and the coded frame is copied out into
 * the caller's {@link EncodedFrame}; no buffer is allocated per frame (only the handles the
 * native calls return: about 170 bytes a frame, measured with JMH's gc profiler).
 *
 * <p>Threading: one thread at a time; see {@link NativeCodec}.
 */
public final class Vp8Encoder extends NativeCodec {

    /** libwebrtc's VP8 rate-control values for real-time CBR (quantizers 2..56, a 1 s buffer). */
    private static final int MIN_QUANTIZER = 2;
    private static final int MAX_QUANTIZER = 56;
    private static final int UNDERSHOOT_PCT = 100;
    private static final int OVERSHOOT_PCT = 15;
    private static final int BUFFER_MS = 1000;
    private static final int BUFFER_INITIAL_MS = 500;
    private static final int BUFFER_OPTIMAL_MS = 600;

    private final VpxLibrary vpx;
    private final Vp8Settings settings;
    private final MemorySegment context;
    private final MemorySegment image;
    private final MemorySegment picture;
    private final MemorySegment activeMap;
    private final MemorySegment activeMapBlocks;
    private final MemorySegment iterator;
    private final MemorySegment config;
    private boolean contextReady;
    private long lastPtsUs = Long.MIN_VALUE;
    private int targetBitrateBps;
    private boolean activeMapOn;
    private long framesEncoded;

    /** @throws IllegalStateException when libvpx7 is not installed, saying so */
    public Vp8Encoder(Vp8Settings settings) {
        // Bound before the codec counts as live: a missing library leaves nothing to close.
        VpxLibrary vpx = VpxLibrary.load();
        super();
        this.vpx = vpx;
        this.settings = settings;
        this.context = arena.allocate(CTX_BYTES, 16);
        this.image = arena.allocate(IMAGE_BYTES, 16);
        this.picture = arena.allocate(I420Frame.sizeBytes(settings.widthPx(), settings.heightPx()), 32);
        this.activeMap = arena.allocate(ACTIVE_MAP_BYTES, 8);
        this.activeMapBlocks = arena.allocate((long) settings.macroblockColumns() * settings.macroblockRows());
        this.iterator = arena.allocate(ADDRESS);
        this.config = arena.allocate(CFG_BYTES, 16);
        this.targetBitrateBps = settings.targetBitrateBps();
        try {
            vpx.check((int) vpx.encConfigDefault.invokeExact(vpx.vp8Encoder, config, 0), "vpx_codec_enc_config_default");
            configure(config);
            vpx.check((int) vpx.encInit.invokeExact(context, vpx.vp8Encoder, config, 0L, VpxLibrary.ENCODER_ABI_VERSION),
                    "vpx_codec_enc_init_ver");
            contextReady = true;
            control(VP8E_SET_CPUUSED, settings.cpuUsed());
            control(VP8E_SET_STATIC_THRESHOLD, settings.staticThreshold());
            // Denoising smooths camera noise; a rendered picture has none, and it costs CPU.
            control(VP8E_SET_NOISE_SENSITIVITY, 0);
            wrapPicture();
            activeMap.set(JAVA_INT, ACTIVE_MAP_ROWS, settings.macroblockRows());
            activeMap.set(JAVA_INT, ACTIVE_MAP_COLS, settings.macroblockColumns());
        } catch (Throwable failure) {
            close();
            throw failure instanceof RuntimeException runtime ? runtime : new IllegalStateException(failure);
        }
    }

    public static boolean isAvailable() {
        return VpxLibrary.isAvailable();
    }

    /** Why libvpx cannot be used here, or null when it can. */
    public static Throwable unavailabilityCause() {
        return VpxLibrary.unavailabilityCause();
    }

    public Vp8Settings settings() {
        return settings;
    }

    /**
     * Codes one picture into {@code out}, which is overwritten (see {@link EncodedFrame} for
     * who owns what). The frame's {@link I420Frame#timestampUs()} is its presentation time:
     * rate control spends bits by the real time between frames, so a session whose frame rate
     * changes (PATCH, idle rate, skipped still frames) keeps its bitrate.
     *
     * @param changed       the blocks that changed since the previous picture given to this
     *                      encoder; null codes every block. Blocks not marked are not coded at
     *                      all, so a block left out by mistake stays stale until marked again
     *                      or until the next keyframe. Ignored for keyframes, which code all.
     * @param forceKeyframe code a keyframe now (a receiver joined or lost a frame)
     * @throws IllegalStateException when the frame does not fit {@code out} or libvpx fails
     */
    public void encode(I420Frame frame, ChangedBlocks changed, boolean forceKeyframe, EncodedFrame out) {
        checkOpen();
        if (frame.width() != settings.widthPx() || frame.height() != settings.heightPx()) {
            throw new IllegalArgumentException("frame is " + frame.width() + "x" + frame.height() + ", encoder is "
                    + settings.widthPx() + "x" + settings.heightPx());
        }
        MemorySegment.copy(frame.data(), 0, picture, JAVA_BYTE, 0, frame.data().length);
        try {
            setActiveMap(forceKeyframe ? null : changed);
            long flags = forceKeyframe ? EFLAG_FORCE_KF : 0;
            // Time base 1 µs. A frame whose time does not advance (unstamped pictures) is taken
            // to come one period of the settings' fps after the last.
            long periodUs = 1_000_000L / settings.fps();
            long ptsUs = lastPtsUs == Long.MIN_VALUE ? frame.timestampUs()
                    : frame.timestampUs() > lastPtsUs ? frame.timestampUs() : lastPtsUs + periodUs;
            long durationUs = lastPtsUs == Long.MIN_VALUE ? periodUs : ptsUs - lastPtsUs;
            vpx.check((int) vpx.encode.invokeExact(context, image, ptsUs, durationUs, flags, DL_REALTIME), "vpx_codec_encode");
            lastPtsUs = ptsUs;
            framesEncoded++;
            copyFrameOut(out);
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A new CBR target, from the receiver's bandwidth estimate; takes effect from the next
     * frame (libvpx re-reads its configuration, keeping its state).
     *
     * @throws IllegalArgumentException outside 10 kbps..50 Mbps
     */
    public void setTargetBitrate(int bitrateBps) {
        checkOpen();
        if (bitrateBps < 10_000 || bitrateBps > 50_000_000) {
            throw new IllegalArgumentException("target bitrate must be 10 kbps..50 Mbps, not " + bitrateBps + " bps");
        }
        if (bitrateBps / 1000 == targetBitrateBps / 1000) {
            return;
        }
        config.set(JAVA_INT, CFG_RC_TARGET_BITRATE, bitrateBps / 1000);
        try {
            vpx.check((int) vpx.encConfigSet.invokeExact(context, config), "vpx_codec_enc_config_set");
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
        targetBitrateBps = bitrateBps;
    }

    public int targetBitrateBps() {
        return targetBitrateBps;
    }

    /** Pictures given to {@link #encode} so far. */
    public long framesEncoded() {
        return framesEncoded;
    }

    private void configure(MemorySegment config) {
        config.set(JAVA_INT, CFG_G_THREADS, 1);
        config.set(JAVA_INT, CFG_G_W, settings.widthPx());
        config.set(JAVA_INT, CFG_G_H, settings.heightPx());
        config.set(JAVA_INT, CFG_G_TIMEBASE_NUM, 1);
        config.set(JAVA_INT, CFG_G_TIMEBASE_DEN, 1_000_000);
        // Each frame decodes from the last one alone, so a loss costs one frame, not a chain.
        config.set(JAVA_INT, CFG_G_ERROR_RESILIENT, ERROR_RESILIENT_DEFAULT);
        config.set(JAVA_INT, CFG_G_PASS, RC_ONE_PASS);
        config.set(JAVA_INT, CFG_G_LAG_IN_FRAMES, 0);
        // Never drop: a dropped frame would lose the blocks marked changed in it for good.
        config.set(JAVA_INT, CFG_RC_DROPFRAME_THRESH, 0);
        config.set(JAVA_INT, CFG_RC_RESIZE_ALLOWED, 0);
        config.set(JAVA_INT, CFG_RC_END_USAGE, CBR);
        config.set(JAVA_INT, CFG_RC_TARGET_BITRATE, Math.max(1, settings.targetBitrateBps() / 1000));
        config.set(JAVA_INT, CFG_RC_MIN_QUANTIZER, MIN_QUANTIZER);
        config.set(JAVA_INT, CFG_RC_MAX_QUANTIZER, MAX_QUANTIZER);
        config.set(JAVA_INT, CFG_RC_UNDERSHOOT_PCT, UNDERSHOOT_PCT);
        config.set(JAVA_INT, CFG_RC_OVERSHOOT_PCT, OVERSHOOT_PCT);
        config.set(JAVA_INT, CFG_RC_BUF_SZ, BUFFER_MS);
        config.set(JAVA_INT, CFG_RC_BUF_INITIAL_SZ, BUFFER_INITIAL_MS);
        config.set(JAVA_INT, CFG_RC_BUF_OPTIMAL_SZ, BUFFER_OPTIMAL_MS);
        config.set(JAVA_INT, CFG_KF_MODE, KF_AUTO);
        config.set(JAVA_INT, CFG_KF_MIN_DIST, 0);
        config.set(JAVA_INT, CFG_KF_MAX_DIST, settings.keyframeIntervalFrames());
    }

    /** Points a vpx_image_t at our buffer, laid out as {@link I420Frame} (strides = plane widths). */
    private void wrapPicture() throws Throwable {
        MemorySegment wrapped = (MemorySegment) vpx.imgWrap.invokeExact(image, IMG_FMT_I420,
                settings.widthPx(), settings.heightPx(), 1, picture);
        long expectedU = picture.address() + (long) settings.widthPx() * settings.heightPx();
        if (wrapped.equals(MemorySegment.NULL) || image.get(ADDRESS, IMAGE_PLANES + ADDRESS.byteSize()).address() != expectedU
                || image.get(JAVA_INT, IMAGE_STRIDES) != settings.widthPx()) {
            throw new IllegalStateException("vpx_img_wrap did not lay the picture out as I420: libvpx is not 1.12's ABI");
        }
    }

    private void setActiveMap(ChangedBlocks changed) throws Throwable {
        if (changed == null) {
            if (activeMapOn) {
                activeMap.set(ADDRESS, ACTIVE_MAP_MAP, MemorySegment.NULL);
                control(VP8E_SET_ACTIVEMAP, activeMap);
                activeMapOn = false;
            }
            return;
        }
        if (changed.columns() != settings.macroblockColumns() || changed.rows() != settings.macroblockRows()) {
            throw new IllegalArgumentException("changed blocks are " + changed.columns() + "x" + changed.rows()
                    + " macroblocks, the picture has " + settings.macroblockColumns() + "x" + settings.macroblockRows());
        }
        int blocks = changed.columns() * changed.rows();
        for (int i = 0; i < blocks; i++) {
            activeMapBlocks.set(JAVA_BYTE, i, changed.isChanged(i) ? (byte) 1 : (byte) 0);
        }
        // libvpx copies the map, so the same native bytes are rewritten each frame.
        activeMap.set(ADDRESS, ACTIVE_MAP_MAP, activeMapBlocks);
        control(VP8E_SET_ACTIVEMAP, activeMap);
        activeMapOn = true;
    }

    private void copyFrameOut(EncodedFrame out) throws Throwable {
        iterator.set(ADDRESS, 0, MemorySegment.NULL);
        int sizeBytes = 0;
        boolean keyframe = false;
        MemorySegment packet;
        while (!(packet = (MemorySegment) vpx.getCxData.invokeExact(context, iterator)).equals(MemorySegment.NULL)) {
            packet = packet.reinterpret(PACKET_BYTES);
            if (packet.get(JAVA_INT, PACKET_KIND) != CX_FRAME_PKT) {
                continue;
            }
            long packetBytes = packet.get(JAVA_LONG, PACKET_FRAME_SZ);
            if (sizeBytes != 0 || packetBytes > out.buffer().length) {
                throw new IllegalStateException("a coded frame of " + packetBytes + " bytes does not fit a buffer of "
                        + out.buffer().length + (sizeBytes != 0 ? " after another frame" : ""));
            }
            MemorySegment data = packet.get(ADDRESS, PACKET_FRAME_BUF).reinterpret(packetBytes);
            MemorySegment.copy(data, JAVA_BYTE, 0, out.buffer(), 0, (int) packetBytes);
            sizeBytes = (int) packetBytes;
            keyframe = (packet.get(JAVA_INT, PACKET_FRAME_FLAGS) & FRAME_IS_KEY) != 0;
        }
        out.set(sizeBytes, keyframe);
    }

    private void control(int id, int value) throws Throwable {
        checkControl((int) vpx.controlInt.invokeExact(context, id, value), id);
    }

    private void control(int id, MemorySegment pointer) throws Throwable {
        checkControl((int) vpx.controlPointer.invokeExact(context, id, pointer), id);
    }

    /** The message is built only on failure: the active map is set every frame. */
    private void checkControl(int error, int id) {
        if (error != 0) {
            vpx.check(error, "vpx_codec_control " + id);
        }
    }

    @Override
    void destroyNative() throws Throwable {
        if (contextReady) {
            vpx.check((int) vpx.destroy.invokeExact(context), "vpx_codec_destroy");
        }
    }
}
