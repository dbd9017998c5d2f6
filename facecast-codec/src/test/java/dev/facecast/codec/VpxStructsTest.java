package dev.facecast.codec;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static dev.facecast.codec.VpxStructs.*;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The offsets in {@link VpxStructs} against the library itself: libvpx's VP8 defaults must show
 * up where the header says they are.
 */
@Tag("native")
class VpxStructsTest {

    @BeforeEach
    void requireLibvpx() {
        assertThat(VpxLibrary.unavailabilityCause()).as("libvpx7 must be installed: scripts/install-test-deps.sh").isNull();
    }

    @Test
    void shouldFindLibvpxVp8DefaultsAtTheHeaderOffsets() throws Throwable {
        VpxLibrary vpx = VpxLibrary.load();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment config = arena.allocate(CFG_BYTES, 16);

            vpx.check((int) vpx.encConfigDefault.invokeExact(vpx.vp8Encoder, config, 0), "vpx_codec_enc_config_default");

            assertThat(config.get(JAVA_INT, CFG_G_W)).isEqualTo(320);
            assertThat(config.get(JAVA_INT, CFG_G_H)).isEqualTo(240);
            assertThat(config.get(JAVA_INT, CFG_G_TIMEBASE_NUM)).isEqualTo(1);
            assertThat(config.get(JAVA_INT, CFG_G_TIMEBASE_DEN)).isEqualTo(30);
            assertThat(config.get(JAVA_INT, CFG_RC_TARGET_BITRATE)).isEqualTo(256);
            assertThat(config.get(JAVA_INT, CFG_RC_MIN_QUANTIZER)).isEqualTo(4);
            assertThat(config.get(JAVA_INT, CFG_RC_MAX_QUANTIZER)).isEqualTo(63);
            assertThat(config.get(JAVA_INT, CFG_RC_OVERSHOOT_PCT)).isEqualTo(100);
            assertThat(config.get(JAVA_INT, CFG_RC_BUF_SZ)).isEqualTo(6000);
            assertThat(config.get(JAVA_INT, CFG_RC_BUF_INITIAL_SZ)).isEqualTo(4000);
            assertThat(config.get(JAVA_INT, CFG_RC_BUF_OPTIMAL_SZ)).isEqualTo(5000);
            assertThat(config.get(JAVA_INT, CFG_KF_MODE)).isEqualTo(KF_AUTO);
            assertThat(config.get(JAVA_INT, CFG_KF_MAX_DIST)).isEqualTo(128);
        }
    }
}
