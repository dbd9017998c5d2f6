package dev.facecast.session;

/** Told of every frame a session pushes, on the media thread: must be cheap and never block. */
@FunctionalInterface
public interface FrameObserver {

    /** A frame was pushed {@code latenessNs} after its deadline (0 when on time). */
    void onFramePushed(long latenessNs);

    FrameObserver NONE = latenessNs -> { };
}
