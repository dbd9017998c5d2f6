package dev.facecast.avatar;

import dev.facecast.media.audio.AudioFormat;
import dev.facecast.media.video.I420Frame;

/**
 * One session's face. Speech goes in on the session's speech thread; the media thread takes
 * out, by deadline, the audio and pictures that are due. The stream reports to its
 * {@link ReplyListener} when a reply starts to be heard and when it ends.
 *
 * <p>Threading: {@link #push} on one speech thread (it may wait while the buffer is full:
 * back-pressure); {@link #clearThrough} from any thread, never blocking; everything else on
 * the one media thread that runs the session.
 */
public interface AvatarStream extends AutoCloseable {

    /** Queues the next item of a reply, in order; waits while the buffer is full. */
    void push(SpeechQueue.Item item) throws InterruptedException;

    /**
     * Cuts every reply numbered up to {@code replyId} (barge-in): what is buffered of them is
     * dropped and the one being heard stops, at the media thread's next cycle.
     */
    void clearThrough(long replyId);

    /**
     * Shows the sync mark (when the session has one) {@code delayMs} later than its sound from
     * now on: a known error, to check that a receiver's measurement sees it. Any thread. Faces
     * without a mark ignore it.
     */
    default void delaySyncMark(int delayMs) {
    }

    /**
     * The format speech is pushed in: what the session asks its voice for. A face that plays the
     * speech itself takes the session's format; a hosted face takes what its vendor takes. Fixed
     * when the stream opens; any thread.
     */
    AudioFormat inputFormat();

    /**
     * The format of {@link #fillAudio}: what the session publishes. A face that plays the speech
     * itself gives its input back; a hosted face gives what its vendor sends, so that neither way
     * needs a resampler. Fixed when the stream opens; any thread.
     */
    AudioFormat outputFormat();

    /**
     * The next 10 ms of the session's audio, in {@link #outputFormat()}, for the time {@code nowNs}:
     * speech, then silence.
     *
     * @return frames of speech in it, counted in the output format
     */
    int fillAudio(short[] tenMs, long nowNs);

    /** True while a reply is being played (started, not yet ended or cut). */
    boolean isSpeaking();

    /** True when a reply is being played but its speech ran out (the voice is behind). */
    boolean isStarved();

    /**
     * The picture for {@code nowNs}, showing the mouth for the audio filled last. The stream
     * keeps it: valid until the next call or {@link #close()}.
     */
    I420Frame frameAt(long nowNs);

    /** Pictures drawn so far; fewer than asked for when unchanged ones were shown again. */
    long framesDrawn();

    /** Frames of the stream's own pool not yet released: zero after close when nothing leaked. */
    long framesOutstanding();

    /**
     * Resamplers this face runs on the session's audio: none while what arrives is in its declared
     * formats (a hosted face whose vendor sends another rate than it declared runs one). Any thread.
     */
    default int resamplersActive() {
        return 0;
    }

    /**
     * Why this face stopped working for good (a hosted avatar's vendor ended its session, or the
     * connection to it was lost), or null while it works; the session is then closed. Any thread.
     */
    default String endedBecause() {
        return null;
    }

    /** Releases the stream's frames; on the media thread, after its last media call. */
    @Override
    void close();
}
