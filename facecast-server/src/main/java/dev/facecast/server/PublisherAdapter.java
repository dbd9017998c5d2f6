package dev.facecast.server;

import dev.facecast.media.MediaOutput;
import dev.facecast.media.audio.AudioFormat;
import dev.facecast.media.video.I420Frame;

/** A {@link SessionPublisher} around an engine's own sender: the media calls pass straight through. */
abstract class PublisherAdapter implements SessionPublisher {

    private final MediaOutput output;

    PublisherAdapter(MediaOutput output) {
        this.output = output;
    }

    @Override
    public final AudioFormat audioFormat() {
        return output.audioFormat();
    }

    @Override
    public final void pushAudio(short[] samples, int frames) {
        output.pushAudio(samples, frames);
    }

    @Override
    public final void pushVideo(I420Frame frame) {
        output.pushVideo(frame);
    }
}
