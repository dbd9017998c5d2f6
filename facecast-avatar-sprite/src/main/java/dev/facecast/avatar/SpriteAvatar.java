package dev.facecast.avatar;

import dev.facecast.provider.Call;
import dev.facecast.provider.ProviderPolicy;

/**
 * The local avatar: a stylized head drawn once per size into I420 sprites, composited per
 * frame, its mouth moved by the speech it plays. No network, no keys. Thread-safe.
 */
public final class SpriteAvatar extends AvatarProvider {

    /** About 40 s of queued 40-ms TTS chunks; the voice waits beyond that. */
    public static final int SPEECH_QUEUE_ITEMS = 1024;

    public SpriteAvatar() {
        super("sprite", ProviderPolicy.LOCAL);
    }

    /** Draws the sprites of a size now (a few hundred ms the first time), so a session of that size starts at once. */
    public static void prepare(int width, int height) {
        SpriteSheet.forSize(width, height);
    }

    @Override
    protected AvatarStream openStream(AvatarOptions options, ReplyListener replies, Call call) {
        SpeechQueue speech = new SpeechQueue(SPEECH_QUEUE_ITEMS, options.onBufferFullWait());
        AvatarRenderer renderer = new AvatarRenderer(SpriteSheet.forSize(options.width(), options.height()));
        return new SpriteAvatarStream(speech, new SpeechPlayer(speech, options.sessionFormat(), replies), renderer,
                new IdleMotion(options.seed(), renderer.sheet().bobSteps()), options.syncMark());
    }
}
