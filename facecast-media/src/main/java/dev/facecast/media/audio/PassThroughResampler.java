package dev.facecast.media.audio;

/** The {@link Resampler} for matching formats: returns each chunk itself. */
final class PassThroughResampler implements Resampler {

    private final AudioFormat format;

    PassThroughResampler(AudioFormat format) {
        this.format = format;
    }

    @Override
    public AudioFormat input() {
        return format;
    }

    @Override
    public AudioFormat output() {
        return format;
    }

    @Override
    public boolean isPassThrough() {
        return true;
    }

    @Override
    public PcmChunk process(PcmChunk in) {
        if (!in.format().equals(format)) {
            throw new IllegalArgumentException("expected " + format + ", got " + in.format());
        }
        return in;
    }

    @Override
    public PcmChunk drain() {
        return PcmChunk.empty(format);
    }

    @Override
    public void reset() {
        // no state
    }
}
