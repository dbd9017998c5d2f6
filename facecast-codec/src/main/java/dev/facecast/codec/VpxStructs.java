package dev.facecast.codec;

/**
 * Sizes, offsets and constants of the libvpx 1.12 structs Facecast touches, for x86-64 (LP64).
 * Each follows the public header named, and was checked with {@code offsetof}/{@code sizeof}
 * in a C program compiled against Debian's libvpx-dev 1.12.0. Only the fields written or read
 * are listed; the rest are left as {@code vpx_codec_enc_config_default} fills them.
 */
final class VpxStructs {

    private VpxStructs() {
    }

    /** vpx_codec_ctx_t (vpx/vpx_codec.h): opaque to us, only its size. */
    static final long CTX_BYTES = 56;

    /** vpx_codec_enc_cfg_t (vpx/vpx_encoder.h), 504 bytes. */
    static final long CFG_BYTES = 504;
    static final long CFG_G_THREADS = 4;
    static final long CFG_G_W = 12;
    static final long CFG_G_H = 16;
    static final long CFG_G_TIMEBASE_NUM = 28;
    static final long CFG_G_TIMEBASE_DEN = 32;
    static final long CFG_G_ERROR_RESILIENT = 36;
    static final long CFG_G_PASS = 40;
    static final long CFG_G_LAG_IN_FRAMES = 44;
    static final long CFG_RC_DROPFRAME_THRESH = 48;
    static final long CFG_RC_RESIZE_ALLOWED = 52;
    static final long CFG_RC_END_USAGE = 72;
    static final long CFG_RC_TARGET_BITRATE = 112;
    static final long CFG_RC_MIN_QUANTIZER = 116;
    static final long CFG_RC_MAX_QUANTIZER = 120;
    static final long CFG_RC_UNDERSHOOT_PCT = 124;
    static final long CFG_RC_OVERSHOOT_PCT = 128;
    static final long CFG_RC_BUF_SZ = 132;
    static final long CFG_RC_BUF_INITIAL_SZ = 136;
    static final long CFG_RC_BUF_OPTIMAL_SZ = 140;
    static final long CFG_KF_MODE = 160;
    static final long CFG_KF_MIN_DIST = 164;
    static final long CFG_KF_MAX_DIST = 168;

    /** vpx_image_t (vpx/vpx_image.h), 136 bytes: planes[4] pointers, then stride[4] ints. */
    static final long IMAGE_BYTES = 136;
    static final long IMAGE_FMT = 0;
    static final long IMAGE_D_W = 24;
    static final long IMAGE_D_H = 28;
    static final long IMAGE_PLANES = 48;
    static final long IMAGE_STRIDES = 80;

    /** vpx_codec_cx_pkt_t (vpx/vpx_encoder.h), 136 bytes: kind, then the union's frame struct. */
    static final long PACKET_BYTES = 136;
    static final long PACKET_KIND = 0;
    static final long PACKET_FRAME_BUF = 8;
    static final long PACKET_FRAME_SZ = 16;
    static final long PACKET_FRAME_FLAGS = 40;

    /** vpx_active_map_t (vpx/vp8cx.h), 16 bytes: one byte per macroblock, 1 = code it. */
    static final long ACTIVE_MAP_BYTES = 16;
    static final long ACTIVE_MAP_MAP = 0;
    static final long ACTIVE_MAP_ROWS = 8;
    static final long ACTIVE_MAP_COLS = 12;

    /** VPX_IMG_FMT_I420 = VPX_IMG_FMT_PLANAR | 2 (vpx_image.h). */
    static final int IMG_FMT_I420 = 0x102;
    /** VPX_CODEC_CX_FRAME_PKT (vpx_encoder.h enum vpx_codec_cx_pkt_kind). */
    static final int CX_FRAME_PKT = 0;
    /** VPX_FRAME_IS_KEY (vpx_encoder.h). */
    static final int FRAME_IS_KEY = 0x1;
    /** VPX_EFLAG_FORCE_KF (vpx_encoder.h). */
    static final long EFLAG_FORCE_KF = 1;
    /** VPX_DL_REALTIME (vpx_encoder.h): the encoder's fastest deadline. */
    static final long DL_REALTIME = 1;
    /** VPX_RC_ONE_PASS, VPX_CBR, VPX_KF_AUTO, VPX_ERROR_RESILIENT_DEFAULT (vpx_encoder.h). */
    static final int RC_ONE_PASS = 0;
    static final int CBR = 1;
    static final int KF_AUTO = 1;
    static final int ERROR_RESILIENT_DEFAULT = 1;

    /** Control ids (vp8cx.h enum vp8e_enc_control_id). */
    static final int VP8E_SET_ACTIVEMAP = 9;
    static final int VP8E_SET_CPUUSED = 13;
    static final int VP8E_SET_NOISE_SENSITIVITY = 15;
    static final int VP8E_SET_STATIC_THRESHOLD = 17;
}
