package dev.facecast.session;

import dev.facecast.media.audio.PcmChunk;

/** Every input of a conversation, consumed in order by its one thread. */
sealed interface ConversationEvent {

    /** 10 ms or so of the user's microphone, from a libwebrtc thread. */
    record MicChunk(PcmChunk chunk) implements ConversationEvent {
    }

    /** Text the user typed: a whole user turn, ended at {@code atNs}. */
    record UserText(String text, long atNs) implements ConversationEvent {
    }

    /** Text the agent is told to say, with no user turn before it. */
    record Say(String text) implements ConversationEvent {
    }

    /** Audio the agent plays as it is, as a reply with no words (the sync probe's tone bursts). */
    record PlayAudio(java.util.List<PcmChunk> audio) implements ConversationEvent {
    }

    /** A sentence of a reply, as its source produced it (for the transcript), from the speech thread. */
    record ReplySentence(long replyId, String text) implements ConversationEvent {
    }

    /** The reply's first audio was handed to the output, from the media thread. */
    record ReplyAudible(long replyId, long atNs) implements ConversationEvent {
    }

    /** The reply ended, played out or cut, from the media thread. */
    record ReplyEnded(long replyId, long playedMs, boolean interrupted, long atNs) implements ConversationEvent {
    }

    /** Cut every reply so far: the one being heard and the ones on their way. */
    record CancelReplies(long atNs) implements ConversationEvent {
    }
}
