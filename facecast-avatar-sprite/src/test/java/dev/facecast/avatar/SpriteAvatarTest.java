package dev.facecast.avatar;

import dev.facecast.media.audio.AudioFormat;
import dev.facecast.media.speech.PhoneTiming;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The sprite head: the shared suite, and a mouth that follows the speech it plays. */
@Tag("unit")
class SpriteAvatarTest extends AvatarConformance {

    @Override
    protected Avatar create() {
        return new SpriteAvatar();
    }

    private static SpriteAvatarStream open() {
        return (SpriteAvatarStream) new SpriteAvatar().open(
                new AvatarOptions("sprite", 320, 240, SPEECH, 1, () -> { }), ReplyListener.NONE);
    }

    @Test
    void shouldTakeAndGiveTheSessionsOwnFormatWithNoResampler() {
        AudioFormat session = AudioFormat.mono(24_000);
        AvatarStream stream = new SpriteAvatar().open(new AvatarOptions("sprite", 320, 240, session, 1, () -> { }), ReplyListener.NONE);

        assertThat(stream.inputFormat()).isEqualTo(session);
        assertThat(stream.outputFormat()).isEqualTo(session);
        assertThat(stream.resamplersActive()).isZero();
        stream.close();
    }

    @Test
    void shouldShowTheMouthOfThePhoneBeingPlayed() throws Exception {
        SpriteAvatarStream stream = open();
        stream.push(new SpeechQueue.ReplyStart(1));
        stream.push(new SpeechQueue.Phones(1, List.of(new PhoneTiming("m", 200), new PhoneTiming("aa", 600),
                new PhoneTiming("uw", 1000))));
        stream.push(new SpeechQueue.Audio(1, tone(1_000)));
        stream.push(new SpeechQueue.ReplyEnd(1));
        short[] tenMs = new short[SPEECH.framesIn(10)];
        List<Viseme> seen = new ArrayList<>();

        for (long ms = 0; ms < 1_100; ms += 10) {
            stream.fillAudio(tenMs, ms * 1_000_000L);
            seen.add(stream.viseme());
        }

        // the mouth for the middle of each tick: m until 200 ms, aa until 600, uw until 1000, then rest
        assertThat(seen.subList(1, 19)).containsOnly(Viseme.MBP);
        assertThat(seen.subList(21, 59)).containsOnly(Viseme.AA);
        assertThat(seen.subList(61, 99)).containsOnly(Viseme.OO);
        assertThat(seen.getLast()).isEqualTo(Viseme.REST);
        stream.close();
    }

    @Test
    void shouldMoveTheMouthWithLoudnessWhenThereAreNoPhones() throws Exception {
        SpriteAvatarStream stream = open();
        stream.push(new SpeechQueue.ReplyStart(1));
        stream.push(new SpeechQueue.Audio(1, tone(500)));

        stream.fillAudio(new short[SPEECH.framesIn(10)], 0);

        assertThat(stream.viseme()).isNotEqualTo(Viseme.REST);
        stream.close();
    }

    @Test
    void shouldShowAnUnchangedPictureAgainWithoutDrawingIt() {
        SpriteAvatarStream stream = open();

        var first = stream.frameAt(0);
        var again = stream.frameAt(1_000_000L);

        assertThat(again).isSameAs(first);
        assertThat(stream.framesDrawn()).isEqualTo(1);
        stream.close();
        assertThat(stream.framesOutstanding()).isZero();
    }
}
