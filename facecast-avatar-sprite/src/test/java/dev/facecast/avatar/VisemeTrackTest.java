package dev.facecast.avatar;

import dev.facecast.media.speech.PhoneTiming;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("unit")
class VisemeTrackTest {

    @Test
    void shouldMapPhonesToVisemesOverTime() {
        VisemeTrack track = new VisemeTrack(List.of(
                new PhoneTiming("pau", 100),
                new PhoneTiming("hh", 160),
                new PhoneTiming("ax", 240),
                new PhoneTiming("l", 300),
                new PhoneTiming("ow", 450)));

        assertThat(track.at(-5)).isEqualTo(Viseme.REST);
        assertThat(track.at(50)).isEqualTo(Viseme.REST);
        assertThat(track.at(100)).isEqualTo(Viseme.KK);
        assertThat(track.at(200)).isEqualTo(Viseme.AA);
        assertThat(track.at(299)).isEqualTo(Viseme.DD);
        assertThat(track.at(449)).isEqualTo(Viseme.OH);
        assertThat(track.at(450)).isEqualTo(Viseme.REST);
    }

    @Test
    void shouldOpenTheMouthWiderForLouderAudio() {
        assertThat(Viseme.forLevel(0.0)).isEqualTo(Viseme.REST);
        assertThat(Viseme.forLevel(0.3)).isEqualTo(Viseme.AA);
        assertThat(Viseme.forLevel(0.05).openness).isLessThan(Viseme.forLevel(0.2).openness);
    }

    @Test
    void shouldBlinkEveryFewSecondsAndSway() {
        IdleMotion motion = new IdleMotion(7, 5);
        int closedFrames = 0;
        int minBob = Integer.MAX_VALUE, maxBob = Integer.MIN_VALUE;
        for (long ms = 0; ms < 20_000; ms += 10) {
            if (motion.eyesAt(ms) == EyeState.CLOSED) {
                closedFrames++;
            }
            minBob = Math.min(minBob, motion.bobIndexAt(ms));
            maxBob = Math.max(maxBob, motion.bobIndexAt(ms));
        }

        // 20 s with a blink every 2-5.5 s: 4 to 10 blinks of 8 closed 10-ms steps each
        assertThat(closedFrames).isBetween(4 * 7, 10 * 9);
        assertThat(minBob).isZero();
        assertThat(maxBob).isEqualTo(4);
    }
}
