package dev.facecast.codec;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Tag("unit")
class OpusSettingsTest {

    @Test
    void shouldCodeVoiceIn20MsFramesWithoutFecOrDtx() {
        OpusSettings settings = OpusSettings.voice(24_000, 32_000);

        assertThat(settings.frameSamples()).isEqualTo(480);
        assertThat(settings.inbandFec()).isFalse();
        assertThat(settings.dtx()).isFalse();
    }

    @Test
    void shouldRejectRatesAndBitratesOutsideOpusRange() {
        assertThatThrownBy(() -> OpusSettings.voice(22_050, 32_000)).hasMessageContaining("22050");
        assertThatThrownBy(() -> OpusSettings.voice(16_000, 600_000)).hasMessageContaining("bitrate");
    }
}
