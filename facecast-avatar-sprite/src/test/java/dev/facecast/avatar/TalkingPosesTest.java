package dev.facecast.avatar;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("unit")
class TalkingPosesTest {

    @Test
    void shouldChangeTheMouthEvery120MsAndRepeatForTheSameSeed() {
        TalkingPoses first = new TalkingPoses(7, 5);
        assertThat(first.at(0).viseme()).isEqualTo(first.at(119).viseme());
        assertThat(first.at(120).viseme()).isNotEqualTo(first.at(119).viseme());

        TalkingPoses poses = new TalkingPoses(7, 5);
        TalkingPoses again = new TalkingPoses(7, 5);
        for (long ms = 0; ms < 10_000; ms += 40) {
            assertThat(again.at(ms)).isEqualTo(poses.at(ms));
        }
    }
}
