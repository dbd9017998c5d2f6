package dev.facecast.session;

import dev.facecast.avatar.AvatarOptions;
import dev.facecast.avatar.AvatarProvider;
import dev.facecast.avatar.AvatarStream;
import dev.facecast.avatar.ReplyListener;
import dev.facecast.avatar.SpeechQueue;
import dev.facecast.avatar.SpriteAvatar;
import dev.facecast.media.audio.AudioFormat;
import dev.facecast.media.video.I420Frame;
import dev.facecast.provider.Call;
import dev.facecast.provider.ProviderPolicy;

/**
 * A face that takes speech at one rate and gives its voice at a whole multiple of it, whatever the
 * session's own rate, as a hosted face does (Anam: 24 kHz in, 48 kHz back). The sprite head plays
 * the speech at the input rate; each sample is given {@code output / input} times.
 */
final class TwoRateAvatar extends AvatarProvider {

    private final AudioFormat input;
    private final AudioFormat output;

    TwoRateAvatar(AudioFormat input, AudioFormat output) {
        super("two-rate", ProviderPolicy.LOCAL);
        if (output.sampleRateHz() % input.sampleRateHz() != 0 || input.channels() != 1 || output.channels() != 1) {
            throw new IllegalArgumentException("mono, and the output a whole multiple of the input");
        }
        this.input = input;
        this.output = output;
    }

    @Override
    protected AvatarStream openStream(AvatarOptions options, ReplyListener replies, Call call) {
        AvatarOptions atInput = new AvatarOptions(options.sessionId(), options.width(), options.height(), input, options.seed(),
                options.onBufferFullWait(), options.syncMark());
        return new Stream(new SpriteAvatar().open(atInput, replies), output.sampleRateHz() / input.sampleRateHz());
    }

    private final class Stream implements AvatarStream {
        private final AvatarStream head;
        private final int factor;
        private final short[] scratch = new short[input.framesIn(10)];

        Stream(AvatarStream head, int factor) {
            this.head = head;
            this.factor = factor;
        }

        @Override
        public void push(SpeechQueue.Item item) throws InterruptedException {
            head.push(item);
        }

        @Override
        public void clearThrough(long replyId) {
            head.clearThrough(replyId);
        }

        @Override
        public AudioFormat inputFormat() {
            return input;
        }

        @Override
        public AudioFormat outputFormat() {
            return output;
        }

        @Override
        public int fillAudio(short[] tenMs, long nowNs) {
            int speechFrames = head.fillAudio(scratch, nowNs);
            for (int i = 0; i < tenMs.length; i++) {
                tenMs[i] = scratch[i / factor];
            }
            return speechFrames * factor;
        }

        @Override
        public boolean isSpeaking() {
            return head.isSpeaking();
        }

        @Override
        public boolean isStarved() {
            return head.isStarved();
        }

        @Override
        public I420Frame frameAt(long nowNs) {
            return head.frameAt(nowNs);
        }

        @Override
        public long framesDrawn() {
            return head.framesDrawn();
        }

        @Override
        public long framesOutstanding() {
            return head.framesOutstanding();
        }

        @Override
        public void close() {
            head.close();
        }
    }
}
