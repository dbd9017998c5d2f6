package dev.facecast.media.clock;

/** A monotonic clock in nanoseconds. Inject it; read it once per duty cycle. */
@FunctionalInterface
public interface NanoClock {

    long nanoTime();

    /** {@link System#nanoTime()}: monotonic, arbitrary origin. */
    NanoClock SYSTEM = System::nanoTime;
}
