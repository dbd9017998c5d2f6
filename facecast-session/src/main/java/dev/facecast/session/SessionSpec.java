package dev.facecast.session;

/**
 * What a session is asked to be, checked before it is admitted: a request that fails here
 * never holds a slot.
 *
 * @param video   picture size and frame rate
 * @param idleFps frame rate while the avatar is silent, {@code 0} (off: the full rate) to
 *                {@value VideoSettings#MAX_FPS}
 */
public record SessionSpec(VideoSettings video, int idleFps) {

    public SessionSpec {
        checkIdleFps(idleFps);
    }

    public static int checkIdleFps(int idleFps) {
        if (idleFps < 0 || idleFps > VideoSettings.MAX_FPS) {
            throw new IllegalArgumentException("idleFps must be 0 (off) to " + VideoSettings.MAX_FPS + ", not " + idleFps);
        }
        return idleFps;
    }
}
