package dev.facecast.avatar;

/**
 * A reproducible talking head with no speech behind it: the idle sway and blinks of a session,
 * and a new mouth shape every 120 ms (about the rate of syllables). For what needs the
 * frame-to-frame change of a real talking avatar (codec tests, encoder benchmarks) without a
 * voice.
 *
 * <p>Not thread-safe, as {@link IdleMotion}.
 */
public final class TalkingPoses {

    private static final long VISEME_MS = 120;
    private static final Viseme[] SPOKEN = {Viseme.KK, Viseme.AA, Viseme.DD, Viseme.EE, Viseme.MBP, Viseme.OH,
            Viseme.TH, Viseme.CH, Viseme.FV, Viseme.OO, Viseme.REST};

    private final IdleMotion idle;

    public TalkingPoses(long seed, int bobSteps) {
        this.idle = new IdleMotion(seed, bobSteps);
    }

    /** The pose at {@code mediaTimeMs}; times must not go backwards. */
    public FacePose at(long mediaTimeMs) {
        Viseme viseme = SPOKEN[(int) (mediaTimeMs / VISEME_MS % SPOKEN.length)];
        return new FacePose(viseme, idle.eyesAt(mediaTimeMs), idle.bobIndexAt(mediaTimeMs));
    }
}
