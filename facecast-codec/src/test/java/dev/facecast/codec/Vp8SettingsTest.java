package dev.facecast.codec;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Tag("unit")
class Vp8SettingsTest {

    @Test
    void shouldCountMacroblocksIncludingPartialOnes() {
        Vp8Settings settings = Vp8Settings.avatar(730, 486, 15, 400_000);

        assertThat(settings.macroblockColumns()).isEqualTo(46);
        assertThat(settings.macroblockRows()).isEqualTo(31);
    }

    @Test
    void shouldDifferFromLibwebrtcOnlyInSpeedAndStaticThreshold() {
        Vp8Settings webrtc = Vp8Settings.libwebrtcLike(720, 480, 15, 400_000);
        Vp8Settings avatar = Vp8Settings.avatar(720, 480, 15, 400_000);

        assertThat(webrtc.cpuUsed()).isEqualTo(-6);
        assertThat(webrtc.staticThreshold()).isEqualTo(1);
        assertThat(avatar.cpuUsed()).isEqualTo(-16);
        assertThat(avatar.staticThreshold()).isEqualTo(100);
        assertThat(new Vp8Settings(720, 480, 15, 400_000, 150, -6, 1)).isEqualTo(webrtc);
    }

    @Test
    void shouldRejectWhatLibvpxWouldNot() {
        assertThatThrownBy(() -> new Vp8Settings(721, 480, 15, 400_000, 150, -6, 1)).hasMessageContaining("even");
        assertThatThrownBy(() -> new Vp8Settings(720, 480, 0, 400_000, 150, -6, 1)).hasMessageContaining("fps");
        assertThatThrownBy(() -> new Vp8Settings(720, 480, 15, 5_000, 150, -6, 1)).hasMessageContaining("bitrate");
        assertThatThrownBy(() -> new Vp8Settings(720, 480, 15, 400_000, 0, -6, 1)).hasMessageContaining("keyframe");
        assertThatThrownBy(() -> new Vp8Settings(720, 480, 15, 400_000, 150, -17, 1)).hasMessageContaining("cpuUsed");
        assertThatThrownBy(() -> new Vp8Settings(720, 480, 15, 400_000, 150, -6, -1)).hasMessageContaining("static");
    }
}
