package dev.facecast.avatar;

/**
 * Mouth shapes the avatar can show. Each groups the phonemes that look alike on the lips.
 * The numbers drive the drawing: how open, how wide, how rounded, and what shows inside.
 */
public enum Viseme {
    /** Closed, relaxed, a slight smile: silence and pauses. */
    REST(0.0, 0.5, 0.0, false, false, false),
    /** Lips pressed together: m, b, p. */
    MBP(0.0, 0.45, 0.0, false, false, false),
    /** Upper teeth on the lower lip: f, v. */
    FV(0.18, 0.5, 0.0, true, false, true),
    /** Tongue between the teeth: th, dh. */
    TH(0.25, 0.5, 0.0, true, true, false),
    /** Teeth close, slightly parted: t, d, n, l, s, z. */
    DD(0.22, 0.6, 0.0, true, false, false),
    /** Open, relaxed jaw: k, g, ng, hh, y. */
    KK(0.38, 0.55, 0.1, false, true, false),
    /** Pushed-out lips with teeth: ch, jh, sh, zh. */
    CH(0.3, 0.35, 0.55, true, false, false),
    /** Wide open: aa, ae, ah, ay, aw. */
    AA(1.0, 0.7, 0.0, true, true, false),
    /** Spread lips, teeth showing: iy, ih, ey, eh. */
    EE(0.38, 1.0, 0.0, true, false, false),
    /** Open and round: ao, ow, oy, er. */
    OH(0.75, 0.35, 0.8, false, true, false),
    /** Small and round: uw, uh, w, r. */
    OO(0.32, 0.15, 1.0, false, false, false);

    final double openness;
    final double width;
    final double roundness;
    final boolean teeth;
    final boolean tongue;
    final boolean lowerLipTucked;

    Viseme(double openness, double width, double roundness, boolean teeth, boolean tongue, boolean lowerLipTucked) {
        this.openness = openness;
        this.width = width;
        this.roundness = roundness;
        this.teeth = teeth;
        this.tongue = tongue;
        this.lowerLipTucked = lowerLipTucked;
    }

    /** The viseme for an ARPAbet/CMU phone as FreeTTS and flite name them ({@code aa}, {@code pau}, ...). */
    public static Viseme forPhone(String phone) {
        return switch (phone.toLowerCase(java.util.Locale.ROOT)) {
            case "m", "b", "p" -> MBP;
            case "f", "v" -> FV;
            case "th", "dh" -> TH;
            case "t", "d", "n", "l", "s", "z" -> DD;
            case "k", "g", "ng", "hh", "y" -> KK;
            case "ch", "jh", "sh", "zh" -> CH;
            case "aa", "ae", "ah", "ay", "aw", "ax" -> AA;
            case "iy", "ih", "ey", "eh" -> EE;
            case "ao", "ow", "oy", "er", "axr" -> OH;
            case "uw", "uh", "w", "r" -> OO;
            default -> REST;
        };
    }

    /**
     * A viseme from the loudness of the audio at this moment, for speech with no phoneme
     * timings: louder opens the mouth wider.
     *
     * @param rmsLevel root-mean-square level, 0 (silence) to 1 (full scale)
     */
    public static Viseme forLevel(double rmsLevel) {
        if (rmsLevel < 0.01) {
            return REST;
        } else if (rmsLevel < 0.04) {
            return DD;
        } else if (rmsLevel < 0.09) {
            return EE;
        } else if (rmsLevel < 0.16) {
            return OH;
        }
        return AA;
    }
}
