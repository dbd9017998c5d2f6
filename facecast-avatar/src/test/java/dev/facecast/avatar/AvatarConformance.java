package dev.facecast.avatar;

import dev.facecast.media.audio.AudioFormat;
import dev.facecast.media.audio.AudioLevels;
import dev.facecast.media.audio.PcmChunk;
import dev.facecast.media.video.I420Frame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;


import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every avatar must do, run against each one by a subclass that says how to make it.
 * Time is driven by hand: 10 ms audio ticks and frames at a rate, as a session's media thread
 * would ask for them. Speech is pushed in the face's input format and played in its output
 * format, whichever they are (the session's own for the local face, a vendor's for a hosted one).
 */
public abstract class AvatarConformance {

    /** The session's format the suite opens faces with. */
    protected static final AudioFormat SPEECH = AudioFormat.mono(16_000);
    private static final long TICK_NS = 10_000_000L;

    /** A fresh avatar; the suite closes it. */
    protected abstract Avatar create();

    private final RecordedReplies replies = new RecordedReplies();
    private final Avatar avatar = create();
    private short[] tenMs;
    private long nowNs = 1_000_000_000L;

    @AfterEach
    void closeAvatar() {
        avatar.close();
    }

    /** Opens a face, and sizes the 10 ms buffer for what it gives. */
    private AvatarStream open(int width, int height) {
        AvatarStream stream = avatar.open(new AvatarOptions("conformance", width, height, SPEECH, 7, () -> { }), replies);
        AudioFormat output = stream.outputFormat();
        tenMs = new short[output.framesIn(10) * output.channels()];
        return stream;
    }

    @Test
    void shouldGiveFramesOfTheRequestedSizeAtAnyRate() {
        AvatarStream stream = open(640, 360);
        int frames = 0;
        for (int tick = 0; tick < 100; tick++, nowNs += TICK_NS) {
            stream.fillAudio(tenMs, nowNs);
            if (tick % 3 == 0) { // about 33 fps
                I420Frame frame = stream.frameAt(nowNs);
                assertThat(frame.width()).isEqualTo(640);
                assertThat(frame.height()).isEqualTo(360);
                frames++;
            }
        }
        stream.close();
        assertThat(frames).isEqualTo(34);
    }

    @Test
    void shouldPlayPushedSpeechInItsOutputFormatAndReportTheReply() throws Exception {
        AvatarStream stream = open(320, 240);
        pushReply(stream, 1, 300);
        int speechFrames = 0;
        for (int tick = 0; tick < 50; tick++, nowNs += TICK_NS) {
            speechFrames += stream.fillAudio(tenMs, nowNs);
            stream.frameAt(nowNs);
        }
        stream.close();

        assertThat(speechFrames).as("300 ms of speech, counted at the output's rate").isEqualTo(stream.outputFormat().framesIn(300));
        assertThat(replies.events()).containsExactly("audible 1", "ended 1 after 300 ms");
    }

    @Test
    void shouldFallSilentWithinOneFrameIntervalOfAClear() throws Exception {
        AvatarStream stream = open(320, 240);
        pushReply(stream, 1, 2_000);
        for (int tick = 0; tick < 50; tick++, nowNs += TICK_NS) {
            stream.fillAudio(tenMs, nowNs);
        }

        stream.clearThrough(1);
        int frameIntervalTicks = 7; // 15 fps
        for (int tick = 0; tick < frameIntervalTicks; tick++, nowNs += TICK_NS) {
            stream.fillAudio(tenMs, nowNs);
        }

        assertThat(AudioLevels.rms(tenMs, tenMs.length)).isZero();
        assertThat(stream.isSpeaking()).isFalse();
        assertThat(replies.events()).containsExactly("audible 1", "interrupted 1 after 500 ms");
        stream.close();
    }

    @Test
    void shouldReleaseEveryFrameAtCloseAndCloseTwice() throws Exception {
        AvatarStream stream = open(320, 240);
        pushReply(stream, 1, 500);
        for (int tick = 0; tick < 80; tick++, nowNs += TICK_NS) {
            stream.fillAudio(tenMs, nowNs);
            stream.frameAt(nowNs);
        }

        stream.close();
        stream.close();

        assertThat(stream.framesOutstanding()).isZero();
        assertThat(stream.framesDrawn()).isPositive();
    }

    @Test
    void shouldCloseTwiceAndOpenNothingAfter() {
        avatar.close();
        avatar.close();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> open(320, 240)).isInstanceOf(AvatarException.class)
                .satisfies(e -> assertThat(((AvatarException) e).kind()).isEqualTo(dev.facecast.provider.ErrorKind.UNAVAILABLE));
    }

    private static void pushReply(AvatarStream stream, long replyId, int ms) throws InterruptedException {
        stream.push(new SpeechQueue.ReplyStart(replyId));
        stream.push(new SpeechQueue.Audio(replyId, tone(stream.inputFormat(), ms)));
        stream.push(new SpeechQueue.ReplyEnd(replyId));
    }

    /** A 220 Hz tone in the session's format. */
    public static PcmChunk tone(int ms) {
        return tone(SPEECH, ms);
    }

    /** A 220 Hz mono tone at about -12 dBFS, starting at its peak (no quiet lead-in for a player to pass over). */
    public static PcmChunk tone(AudioFormat format, int ms) {
        int frames = format.framesIn(ms);
        short[] samples = new short[frames];
        for (int i = 0; i < frames; i++) {
            samples[i] = (short) (8000 * Math.cos(2 * Math.PI * 220 * i / format.sampleRateHz()));
        }
        return new PcmChunk(format, samples, frames);
    }
}
