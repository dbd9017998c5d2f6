package dev.facecast.avatar;

import dev.facecast.media.audio.AudioFormat;
import dev.facecast.media.audio.AudioLevels;
import dev.facecast.media.audio.PcmChunk;
import dev.facecast.media.speech.PhoneTiming;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Plays queued speech 10 ms at a time, reply after reply, and reports when each is heard and
 * when it ends. Keeps what a face needs to move its mouth with the reply being played: its
 * position (ms played since its start), its phones, and the loudness of the last tick. Replies
 * that the queue says were cut are dropped at the next tick. Not thread-safe: the session's
 * media thread owns it.
 */
public final class SpeechPlayer {

    private final SpeechQueue speech;
    private final AudioFormat format;
    private final int framesPerTick;
    private final ReplyListener replies;

    private boolean replyInProgress;
    private long replyId;
    private boolean replyAudible;
    /** Items of replies up to this one are stale: an interrupt cut them. */
    private long interruptedUpTo;
    private long replyFramesPlayed;
    /** Frames quieter than this (about -46 dBFS) before a reply is heard are its lead-in pause. */
    private static final int SILENCE_LEVEL = 160;
    /** A longer lead-in is meant: play it. */
    static final int MAX_LEAD_SKIP_MS = 1_000;
    private final int maxLeadSkipFrames;
    private long leadFramesSkipped;
    private final List<PhoneTiming> replyPhones = new ArrayList<>();
    /** Moves on whenever {@link #replyPhones} changes, so a face rebuilds its track only then. */
    private int phonesVersion;
    private PcmChunk currentChunk;
    private int currentChunkPosition;
    private double lastRmsLevel;

    public SpeechPlayer(SpeechQueue speech, AudioFormat format, ReplyListener replies) {
        this.speech = speech;
        this.format = format;
        this.framesPerTick = format.framesIn(10);
        this.maxLeadSkipFrames = format.framesIn(MAX_LEAD_SKIP_MS);
        this.replies = replies;
    }

    public AudioFormat format() {
        return format;
    }

    public int framesPerTick() {
        return framesPerTick;
    }

    /**
     * Fills {@code tenMs} (one tick) with the next speech, padding with silence.
     *
     * @return frames of speech in it; less than a tick in the middle of a reply is an underrun
     */
    public int fill(short[] tenMs, long nowNs) {
        long cutThrough = speech.cutThroughReplyId();
        if (cutThrough > interruptedUpTo) {
            // Barge-in: the speech side cut replies; drop them before playing another 10 ms.
            interrupt(cutThrough, nowNs);
        }
        int channels = format.channels();
        int filled = 0;
        while (filled < framesPerTick) {
            if (currentChunk != null && currentChunkPosition < currentChunk.frames()) {
                if (!replyAudible && filled == 0 && skipLeadingSilence()) {
                    continue;
                }
                int take = Math.min(framesPerTick - filled, currentChunk.frames() - currentChunkPosition);
                System.arraycopy(currentChunk.samples(), currentChunkPosition * channels, tenMs, filled * channels, take * channels);
                currentChunkPosition += take;
                filled += take;
                continue;
            }
            SpeechQueue.Item item = speech.poll();
            if (item == null) {
                break;
            }
            if (item.replyId() > interruptedUpTo) {
                apply(item, nowNs);
            }
        }
        if (filled < framesPerTick) {
            Arrays.fill(tenMs, filled * channels, tenMs.length, (short) 0);
        }
        replyFramesPlayed += filled;
        lastRmsLevel = AudioLevels.rms(tenMs, tenMs.length);
        if (filled > 0 && !replyAudible) {
            replyAudible = true;
            replies.onReplyAudible(replyId, nowNs);
        }
        return filled;
    }

    /**
     * Voices start an utterance with a pause (flite and FreeTTS: 200-240 ms) that only delays
     * the first sound of a reply. Until a reply is heard, its quiet frames are passed over: the
     * reply's position moves on (so phone times still match) but nothing is played for them,
     * up to {@link #MAX_LEAD_SKIP_MS}. Returns true when the current chunk was used up.
     */
    private boolean skipLeadingSilence() {
        int channels = format.channels();
        short[] samples = currentChunk.samples();
        while (currentChunkPosition < currentChunk.frames() && leadFramesSkipped < maxLeadSkipFrames) {
            int at = currentChunkPosition * channels;
            if (Math.abs(samples[at]) > SILENCE_LEVEL || (channels > 1 && Math.abs(samples[at + 1]) > SILENCE_LEVEL)) {
                return false;
            }
            currentChunkPosition++;
            replyFramesPlayed++;
            leadFramesSkipped++;
        }
        return currentChunkPosition >= currentChunk.frames();
    }

    /**
     * Cuts every reply numbered up to {@code upToReplyId}: the one being played stops (and
     * reports how much of it was heard) and their queued items are dropped, now or when they
     * arrive. Later replies, queued or not, play as usual.
     */
    private void interrupt(long upToReplyId, long nowNs) {
        interruptedUpTo = Math.max(interruptedUpTo, upToReplyId);
        speech.dropThrough(interruptedUpTo);
        if (replyId <= interruptedUpTo && isSpeaking()) {
            currentChunk = null;
            replyInProgress = false;
            replies.onReplyEnded(replyId, playedMs(), true, nowNs);
        }
    }

    /** What was heard of the reply: its position less the lead-in passed over. */
    private long playedMs() {
        return (replyFramesPlayed - leadFramesSkipped) * 1000 / format.sampleRateHz();
    }

    /** True while a reply is being played (its end marker not yet reached). */
    public boolean isSpeaking() {
        return replyInProgress || (currentChunk != null && currentChunkPosition < currentChunk.frames());
    }

    /** True when a reply is in progress but its speech ran out (the TTS is behind). */
    public boolean isStarved() {
        return replyInProgress && (currentChunk == null || currentChunkPosition >= currentChunk.frames());
    }

    /** Ms of the reply being played that were heard, up to the end of the last tick. */
    public long replyPositionMs() {
        return replyFramesPlayed * 1000 / format.sampleRateHz();
    }

    /** The phones of the reply being played, timed from its start; read-only. */
    public List<PhoneTiming> replyPhones() {
        return replyPhones;
    }

    public int phonesVersion() {
        return phonesVersion;
    }

    /** RMS of the last tick, as a share of full scale. */
    public double lastRmsLevel() {
        return lastRmsLevel;
    }

    private void apply(SpeechQueue.Item item, long nowNs) {
        switch (item) {
            case SpeechQueue.ReplyStart start -> {
                replyInProgress = true;
                replyId = start.replyId();
                replyAudible = false;
                replyFramesPlayed = 0;
                leadFramesSkipped = 0;
                replyPhones.clear();
                phonesVersion++;
            }
            case SpeechQueue.Phones phones -> {
                replyPhones.addAll(phones.phones());
                phonesVersion++;
            }
            case SpeechQueue.Audio audio -> {
                currentChunk = audio.chunk();
                currentChunkPosition = 0;
            }
            case SpeechQueue.ReplyEnd end -> {
                replyInProgress = false;
                replies.onReplyEnded(end.replyId(), playedMs(), false, nowNs);
            }
        }
    }
}
