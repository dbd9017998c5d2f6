package dev.facecast.avatar;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Everything the renderer composites, made once per frame size and shared by all sessions
 * of that size (immutable): full base frames for each head offset, plus eye and mouth
 * patches cut from drawings that differ only inside the patch, so a patch copied over a
 * base is seamless.
 */
public final class SpriteSheet {

    /** Head offsets in steps of two pixels (even, to keep chroma aligned), scaled with size. */
    private static final int[] BOB_STEPS = {-2, -1, 0, 1, 2};
    private static final Map<Long, SpriteSheet> CACHE = new ConcurrentHashMap<>();

    final int width;
    final int height;
    final I420Image[] bases;
    final int[] bobOffsetsPx;
    final I420Image[] eyes;
    final I420Image[] mouths;
    final int[] eyesBox;
    final int[] mouthBox;

    private SpriteSheet(int width, int height) {
        this.width = width;
        this.height = height;
        FaceArtist artist = new FaceArtist(width, height);
        this.eyesBox = artist.eyesBox();
        this.mouthBox = artist.mouthBox();
        int stepPx = 2 * Math.max(1, (int) Math.round(artist.scale()));
        int headroomPx = Math.min(eyesBox[1], height - mouthBox[1] - mouthBox[3]);
        int maxStep = Math.min(2, headroomPx / stepPx);
        this.bases = new I420Image[BOB_STEPS.length];
        this.bobOffsetsPx = new int[BOB_STEPS.length];
        for (int i = 0; i < BOB_STEPS.length; i++) {
            int step = Math.max(-maxStep, Math.min(maxStep, BOB_STEPS[i]));
            bobOffsetsPx[i] = step * stepPx;
            bases[i] = I420Image.fromRgb(artist.draw(Viseme.REST, EyeState.OPEN, bobOffsetsPx[i]), 0, 0, width, height);
        }
        this.eyes = new I420Image[EyeState.values().length];
        for (EyeState state : EyeState.values()) {
            eyes[state.ordinal()] = crop(artist, Viseme.REST, state, eyesBox);
        }
        this.mouths = new I420Image[Viseme.values().length];
        for (Viseme viseme : Viseme.values()) {
            mouths[viseme.ordinal()] = crop(artist, viseme, EyeState.OPEN, mouthBox);
        }
    }

    /** The shared sheet for this frame size, drawn on first use (tens of milliseconds). */
    public static SpriteSheet forSize(int width, int height) {
        return CACHE.computeIfAbsent(((long) width << 32) | height, key -> new SpriteSheet(width, height));
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** Number of head offsets; {@link FacePose#bobIndex()} ranges over {@code [0, bobSteps())}. */
    public int bobSteps() {
        return bases.length;
    }

    private static I420Image crop(FaceArtist artist, Viseme viseme, EyeState state, int[] box) {
        return I420Image.fromRgb(artist.draw(viseme, state, 0), box[0], box[1], box[2], box[3]);
    }
}
