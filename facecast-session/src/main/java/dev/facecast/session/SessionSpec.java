package dev.facecast.session;

import dev.facecast.avatar.AvatarOptions;

/**
 * What a session is asked to be, checked before it is admitted: a request that fails here
 * never holds a slot.
 *
 * @param video   picture size and frame rate
 * @param idleFps  frame rate while the avatar is silent, {@code 0} (off: the full rate) to
 *                 {@value VideoSettings#MAX_FPS}
 * @param syncMark a mark in the picture for measuring A/V sync at a receiver, usually off
 */
public record SessionSpec(VideoSettings video, int idleFps, AvatarOptions.SyncMark syncMark) {

    public SessionSpec {
        checkIdleFps(idleFps);
    }

    /** A session with no sync mark. */
    public SessionSpec(VideoSettings video, int idleFps) {
        this(video, idleFps, AvatarOptions.SyncMark.OFF);
    }

    public static int checkIdleFps(int idleFps) {
        if (idleFps < 0 || idleFps > VideoSettings.MAX_FPS) {
            throw new IllegalArgumentException("idleFps must be 0 (off) to " + VideoSettings.MAX_FPS + ", not " + idleFps);
        }
        return idleFps;
    }
}
