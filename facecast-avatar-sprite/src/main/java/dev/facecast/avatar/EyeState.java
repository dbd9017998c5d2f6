package dev.facecast.avatar;

/** How open the eyes are; a blink passes through {@link #HALF} to {@link #CLOSED} and back. */
public enum EyeState {
    /** Fully open. */
    OPEN,
    /** Lids half down: the start and end of a blink. */
    HALF,
    /** Lids shut: the middle of a blink. */
    CLOSED
}
