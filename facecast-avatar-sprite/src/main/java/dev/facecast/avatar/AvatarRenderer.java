package dev.facecast.avatar;

import dev.facecast.media.video.I420Frame;

/**
 * Composites a {@link FacePose} into an I420 frame: one copy of the base frame for the head
 * offset, then the eye and mouth patches. No drawing, no allocation. Thread-safe (stateless
 * over an immutable sheet).
 */
public final class AvatarRenderer {

    private final SpriteSheet sheet;

    public AvatarRenderer(SpriteSheet sheet) {
        this.sheet = sheet;
    }

    public SpriteSheet sheet() {
        return sheet;
    }

    /** Draws {@code pose} over the whole of {@code frame}, which must be the sheet's size. */
    public void render(FacePose pose, I420Frame frame) {
        if (frame.width() != sheet.width || frame.height() != sheet.height) {
            throw new IllegalArgumentException("frame is " + frame.width() + "x" + frame.height()
                    + ", sheet is " + sheet.width + "x" + sheet.height);
        }
        int bob = Math.floorMod(pose.bobIndex(), sheet.bases.length);
        int offsetPx = sheet.bobOffsetsPx[bob];
        sheet.bases[bob].copyInto(frame);
        if (pose.eyes() != EyeState.OPEN) {
            sheet.eyes[pose.eyes().ordinal()].blit(frame, sheet.eyesBox[0], sheet.eyesBox[1] + offsetPx);
        }
        if (pose.viseme() != Viseme.REST) {
            sheet.mouths[pose.viseme().ordinal()].blit(frame, sheet.mouthBox[0], sheet.mouthBox[1] + offsetPx);
        }
    }
}
