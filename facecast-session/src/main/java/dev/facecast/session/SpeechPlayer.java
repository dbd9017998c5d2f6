package dev.facecast.session;

import dev.facecast.avatar.Viseme;
import dev.facecast.avatar.VisemeTrack;
import dev.facecast.media.audio.AudioFormat;
import dev.facecast.media.audio.AudioLevels;
import dev.facecast.media.audio.PcmChunk;
import dev.facecast.media.speech.PhoneTiming;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Plays queued speech 10 ms at a time and knows what the mouth should show for it.
 *
 * <p>Keeps the reply being played: its position (frames played since its start) and its
 * phones. The mouth comes from the phones when the TTS gave them, else from the loudness of
 * the audio just played. Not thread-safe: the session's media thread owns it.
 */
final class SpeechPlayer {

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
    private final List<PhoneTiming> replyPhones = new ArrayList<>();
    private VisemeTrack replyTrack = new VisemeTrack(List.of());
    private PcmChunk currentChunk;
    private int currentChunkPosition;
    private double lastRmsLevel;

    SpeechPlayer(SpeechQueue speech, AudioFormat format, ReplyListener replies) {
        this.speech = speech;
        this.format = format;
        this.framesPerTick = format.framesIn(10);
        this.replies = replies;
    }

    int framesPerTick() {
        return framesPerTick;
    }

    /**
     * Fills {@code tenMs} (one tick) with the next speech, padding with silence.
     *
     * @return frames of speech in it; less than a tick in the middle of a reply is an underrun
     */
    int fill(short[] tenMs, long nowNs) {
        int channels = format.channels();
        int filled = 0;
        while (filled < framesPerTick) {
            if (currentChunk != null && currentChunkPosition < currentChunk.frames()) {
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
     * Cuts every reply numbered up to {@code upToReplyId}: the one being played stops (and
     * reports how much of it was heard) and their queued items are dropped, now or when they
     * arrive. Later replies, queued or not, play as usual.
     */
    void interrupt(long upToReplyId, long nowNs) {
        interruptedUpTo = Math.max(interruptedUpTo, upToReplyId);
        speech.dropThrough(interruptedUpTo);
        if (replyId <= interruptedUpTo && isSpeaking()) {
            currentChunk = null;
            replyInProgress = false;
            replies.onReplyEnded(replyId, playedMs(), true, nowNs);
        }
    }

    private long playedMs() {
        return replyFramesPlayed * 1000 / format.sampleRateHz();
    }

    /** True while a reply is being played (its end marker not yet reached). */
    boolean isSpeaking() {
        return replyInProgress || (currentChunk != null && currentChunkPosition < currentChunk.frames());
    }

    /** True when a reply is in progress but its speech ran out (the TTS is behind). */
    boolean isStarved() {
        return replyInProgress && (currentChunk == null || currentChunkPosition >= currentChunk.frames());
    }

    /** The mouth for the audio just played: the middle of the last tick. */
    Viseme viseme() {
        if (!isSpeaking()) {
            return Viseme.REST;
        }
        if (!replyTrack.isEmpty()) {
            return replyTrack.at(replyFramesPlayed * 1000 / format.sampleRateHz() - 5);
        }
        return Viseme.forLevel(lastRmsLevel);
    }

    private void apply(SpeechQueue.Item item, long nowNs) {
        switch (item) {
            case SpeechQueue.ReplyStart start -> {
                replyInProgress = true;
                replyId = start.replyId();
                replyAudible = false;
                replyFramesPlayed = 0;
                replyPhones.clear();
                replyTrack = new VisemeTrack(List.of());
            }
            case SpeechQueue.Phones phones -> {
                // Once per utterance, not per frame: the track is rebuilt with the new phones.
                replyPhones.addAll(phones.phones());
                replyTrack = new VisemeTrack(replyPhones);
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
