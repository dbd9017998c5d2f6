package dev.facecast.media;

import dev.facecast.media.audio.AudioFormat;
import dev.facecast.media.video.I420Frame;

/**
 * Where a session's finished media goes (the WebRTC publisher, a recorder, a test probe).
 *
 * <p>Threading and ownership: both methods are called on the session's media thread and must
 * not block. Neither keeps what it is given: it copies what it needs before returning, and
 * the caller keeps ownership (and releases the frame).
 */
public interface MediaOutput {

    /** The audio format this output takes: the session asks its TTS for exactly this. */
    AudioFormat audioFormat();

    /** Ten milliseconds of interleaved 16-bit audio in {@link #audioFormat()}. */
    void pushAudio(short[] samples, int frames);

    /** One video frame; {@link I420Frame#timestampUs()} is its time on the session's media clock. */
    void pushVideo(I420Frame frame);

    /** An output that takes {@code format} and drops everything: for tools and tests that measure the rest. */
    static MediaOutput discarding(AudioFormat format) {
        return new MediaOutput() {
            @Override
            public AudioFormat audioFormat() {
                return format;
            }

            @Override
            public void pushAudio(short[] samples, int frames) {
            }

            @Override
            public void pushVideo(I420Frame frame) {
            }
        };
    }
}
