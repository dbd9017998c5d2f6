package dev.facecast.codec;

import dev.facecast.avatar.AvatarRenderer;
import dev.facecast.avatar.FacePose;
import dev.facecast.avatar.SpriteSheet;
import dev.facecast.avatar.TalkingPoses;
import dev.facecast.media.video.FramePool;
import dev.facecast.media.video.I420Frame;

/** Our avatar talking, 720x480 at 15 fps, rendered as a session renders it. */
final class AvatarVideo {

    static final int WIDTH_PX = 720;
    static final int HEIGHT_PX = 480;
    static final int FPS = 15;

    final FramePool pool = new FramePool(WIDTH_PX, HEIGHT_PX, 4);
    private final AvatarRenderer renderer = new AvatarRenderer(SpriteSheet.forSize(WIDTH_PX, HEIGHT_PX));
    private final TalkingPoses poses = new TalkingPoses(42, renderer.sheet().bobSteps());
    private long frameIndex;

    /** The next frame, with one reference for the caller to release. */
    I420Frame next() {
        return render(poses.at(frameIndex++ * 1000 / FPS));
    }

    I420Frame render(FacePose pose) {
        I420Frame frame = pool.acquire();
        renderer.render(pose, frame);
        return frame;
    }

    /** Peak signal-to-noise ratio over all three planes, in dB. */
    static double psnrDb(I420Frame expected, I420Frame actual) {
        byte[] a = expected.data();
        byte[] b = actual.data();
        double squaredError = 0;
        for (int i = 0; i < a.length; i++) {
            int difference = (a[i] & 0xFF) - (b[i] & 0xFF);
            squaredError += difference * difference;
        }
        double meanSquaredError = Math.max(squaredError / a.length, 1e-10);
        return 10 * Math.log10(255.0 * 255.0 / meanSquaredError);
    }
}
