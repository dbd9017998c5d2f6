package dev.facecast.session;

import dev.facecast.avatar.AvatarStream;
import dev.facecast.avatar.SpeechQueue;
import dev.facecast.media.audio.AudioFormat;
import dev.facecast.media.audio.PcmChunk;
import dev.facecast.media.speech.PhoneTiming;
import dev.facecast.tts.SpeechSink;
import dev.facecast.tts.SpeechSynthesizer;
import dev.facecast.tts.TtsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;

/**
 * Turns replies into speech on the session's speech thread, one reply after another, and
 * pushes it to the session's avatar. Replies are numbered by the caller in increasing order;
 * {@link #cancelUpTo} cuts every reply up to a number, whether it is being synthesised or
 * still waiting.
 *
 * <p>Threading: {@link #speak} and {@link #cancelUpTo} from the conversation thread; the
 * synthesis runs on {@code speechThread}, which blocks on the speech queue when it is full
 * (back-pressure: the TTS runs far ahead of real time).
 */
final class Speaker {

    private static final Logger log = LoggerFactory.getLogger(Speaker.class);

    private final String sessionId;
    private final SpeechSynthesizer tts;
    private final AudioFormat format;
    private final AvatarStream avatar;
    private final Executor speechThread;
    private final HandoffCounters counters;
    private volatile long cancelledUpToReplyId;
    private volatile boolean closed;

    Speaker(String sessionId, SpeechSynthesizer tts, AvatarStream avatar, Executor speechThread, HandoffCounters counters) {
        this.sessionId = sessionId;
        this.tts = tts;
        this.format = avatar.inputFormat();
        this.avatar = avatar;
        this.speechThread = speechThread;
        this.counters = counters;
    }

    /** Queues reply {@code replyId}, spoken after the replies before it. */
    void speak(long replyId, ReplySource source) {
        if (closed) {
            return; // the session is closing: its speech thread takes nothing more
        }
        // Every sentence is spoken as soon as the source has it; its timings continue the reply's.
        speechThread.execute(() -> runReply(replyId, (sink, cancelled) -> source.produce(sentence -> {
            tts.synthesize(sentence, format, sink, cancelled);
            sink.endSentence();
        }, cancelled)));
    }

    /** Queues reply {@code replyId}, audio as it is (a sync probe), played after the replies before it. */
    void play(long replyId, List<PcmChunk> audio) {
        if (closed) {
            return;
        }
        speechThread.execute(() -> runReply(replyId, (sink, cancelled) -> audio.forEach(sink::onAudio)));
    }

    /**
     * Cuts every reply numbered up to {@code replyId}: synthesis stops, nothing more is queued,
     * and the avatar drops what it was given (at the media thread's next cycle).
     */
    void cancelUpTo(long replyId) {
        cancelledUpToReplyId = Math.max(cancelledUpToReplyId, replyId);
        avatar.clearThrough(replyId);
    }

    /** Resamplers this speaker runs: one when the TTS cannot make the avatar's input rate itself. */
    int resamplersActive() {
        return tts.resamplesFor(format) ? 1 : 0;
    }

    /** Stops every reply; the speech thread itself is the session's to stop. */
    void close() {
        closed = true;
    }

    /** On the speech thread: the reply's start, what {@code body} makes of it, its end; a failure ends it early. */
    private void runReply(long replyId, BiConsumer<QueueingSink, BooleanSupplier> body) {
        BooleanSupplier cancelled = () -> closed || replyId <= cancelledUpToReplyId;
        if (cancelled.getAsBoolean()) {
            return;
        }
        QueueingSink sink = new QueueingSink(replyId, cancelled);
        try {
            sink.put(new SpeechQueue.ReplyStart(replyId));
            body.accept(sink, cancelled);
        } catch (RuntimeException e) {
            counters.replyFailed();
            log.warn("session {}: reply {} failed: {}", sessionId, replyId, e.getMessage());
        } finally {
            sink.put(new SpeechQueue.ReplyEnd(replyId));
        }
    }

    /** Pushes a reply's speech, with phone times moved on by the audio already queued for it. */
    private final class QueueingSink implements SpeechSink {
        private final long replyId;
        private final BooleanSupplier cancelled;
        private long framesQueued;
        private long sentenceStartFrames;
        private boolean sentenceStarted;

        QueueingSink(long replyId, BooleanSupplier cancelled) {
            this.replyId = replyId;
            this.cancelled = cancelled;
        }

        @Override
        public void onAudio(PcmChunk chunk) {
            markSentenceStart();
            framesQueued += chunk.frames();
            put(new SpeechQueue.Audio(replyId, chunk));
        }

        @Override
        public void onPhones(List<PhoneTiming> phones) {
            markSentenceStart();
            long offsetMs = sentenceStartFrames * 1000 / format.sampleRateHz();
            put(new SpeechQueue.Phones(replyId, phones.stream().map(p -> p.shiftedBy(offsetMs)).toList()));
        }

        /** A synthesis call starts its phone times at zero: remember where its audio begins. */
        private void markSentenceStart() {
            if (!sentenceStarted) {
                sentenceStarted = true;
                sentenceStartFrames = framesQueued;
            }
        }

        void endSentence() {
            sentenceStarted = false;
        }

        void put(SpeechQueue.Item item) {
            if (cancelled.getAsBoolean()) {
                return; // a cut reply queues nothing more; the media thread settles what it had
            }
            try {
                avatar.push(item);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TtsException("interrupted while queueing speech", e);
            }
        }
    }
}
