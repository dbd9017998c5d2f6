package dev.facecast.avatar;

import java.util.SplittableRandom;

/**
 * Keeps a silent head alive: blinks every 2 to 5.5 seconds and a slow vertical sway. A pure
 * function of media time and a seed, apart from the blink schedule it walks forward, so a
 * session's motion is reproducible in tests.
 *
 * <p>Not thread-safe: owned by the session's media thread.
 */
public final class IdleMotion {

    private static final long BLINK_MS = 160;
    private static final long SWAY_PERIOD_MS = 4_000;

    private final SplittableRandom random;
    private final int bobSteps;
    private long blinkStartMs;

    public IdleMotion(long seed, int bobSteps) {
        this.random = new SplittableRandom(seed);
        this.bobSteps = bobSteps;
        this.blinkStartMs = nextGapMs();
    }

    public EyeState eyesAt(long mediaTimeMs) {
        while (mediaTimeMs >= blinkStartMs + BLINK_MS) {
            blinkStartMs += BLINK_MS + nextGapMs();
        }
        long intoBlinkMs = mediaTimeMs - blinkStartMs;
        if (intoBlinkMs < 0) {
            return EyeState.OPEN;
        }
        return intoBlinkMs < 40 || intoBlinkMs >= 120 ? EyeState.HALF : EyeState.CLOSED;
    }

    public int bobIndexAt(long mediaTimeMs) {
        double phase = 2 * Math.PI * (mediaTimeMs % SWAY_PERIOD_MS) / SWAY_PERIOD_MS;
        double unit = (Math.sin(phase) + 1) / 2; // 0..1
        return (int) Math.min(bobSteps - 1, Math.round(unit * (bobSteps - 1)));
    }

    private long nextGapMs() {
        return 2_000 + random.nextLong(3_500);
    }
}
