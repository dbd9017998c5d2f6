package dev.facecast.avatar;

import dev.facecast.media.audio.AudioFormat;
import dev.facecast.media.audio.PcmChunk;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;


import static org.assertj.core.api.Assertions.assertThat;

@Tag("unit")
class SpeechPlayerTest {

    private static final AudioFormat FORMAT = AudioFormat.mono(16_000);
    private final RecordedReplies replies = new RecordedReplies();
    private final SpeechQueue speech = new SpeechQueue(16, () -> { });
    private final SpeechPlayer player = new SpeechPlayer(speech, FORMAT, replies);
    private final short[] tenMs = new short[FORMAT.framesIn(10)];

    @Test
    void shouldPassOverAReplysLeadInPauseSoItIsHeardAtOnce() throws Exception {
        speech.put(new SpeechQueue.ReplyStart(1));
        speech.put(new SpeechQueue.Audio(1, PcmChunk.silence(FORMAT, FORMAT.framesIn(230))));
        speech.put(new SpeechQueue.Audio(1, loud(100)));
        speech.put(new SpeechQueue.ReplyEnd(1));

        int first = player.fill(tenMs, 0);

        assertThat(first).isEqualTo(FORMAT.framesIn(10));
        assertThat(player.replyPositionMs()).as("phone times still count the pause").isEqualTo(240);
        assertThat(replies.events()).containsExactly("audible 1");
        assertThat(replies.audibleAtNs(1)).as("heard at the first tick").isZero();
        for (int tick = 1; tick < 20; tick++) {
            player.fill(tenMs, tick);
        }
        assertThat(replies.events()).containsExactly("audible 1", "ended 1 after 100 ms");
    }

    @Test
    void shouldKeepTheSilenceInsideAReply() throws Exception {
        speech.put(new SpeechQueue.ReplyStart(1));
        speech.put(new SpeechQueue.Audio(1, loud(20)));
        speech.put(new SpeechQueue.Audio(1, PcmChunk.silence(FORMAT, FORMAT.framesIn(300))));
        speech.put(new SpeechQueue.Audio(1, loud(20)));

        int speechFrames = 0;
        for (int tick = 0; tick < 34; tick++) {
            speechFrames += player.fill(tenMs, tick);
        }

        assertThat(speechFrames).isEqualTo(FORMAT.framesIn(340));
    }

    /** A constant loud signal: no quiet sample at its start, unlike a sine. */
    private static PcmChunk loud(int ms) {
        short[] samples = new short[FORMAT.framesIn(ms)];
        java.util.Arrays.fill(samples, (short) 8_000);
        return new PcmChunk(FORMAT, samples, samples.length);
    }
}
