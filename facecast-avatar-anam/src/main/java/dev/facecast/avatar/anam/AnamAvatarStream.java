package dev.facecast.avatar.anam;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.facecast.avatar.AvatarOptions;
import dev.facecast.avatar.AvatarStream;
import dev.facecast.avatar.ReplyListener;
import dev.facecast.avatar.SpeechPlayer;
import dev.facecast.avatar.SpeechQueue;
import dev.facecast.media.audio.AudioFormat;
import dev.facecast.media.video.FramePool;
import dev.facecast.media.video.I420Frame;
import dev.facecast.webrtc.IceCandidate;
import dev.facecast.webrtc.IceServer;
import dev.facecast.webrtc.RemoteAvatarPeer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One session's hosted face. Speech goes to Anam as it is pushed ({@link AudioUplink}); the face
 * and voice Anam sends back over WebRTC are what the session publishes: the newest picture at each
 * frame deadline, the voice through a short jitter buffer ({@link DownlinkAudio}). The face takes
 * speech in Anam's format and gives the voice in the format it comes back in, whatever the
 * session's own rate: the session asks its voice for the one and publishes the other, so neither
 * way is resampled.
 *
 * <p>Replies are timed by a local {@link SpeechPlayer} that plays the pushed speech into a scratch
 * buffer, never heard: it tells the conversation when a reply is audible, ends, or was cut, and
 * how much of it played, as the local face does. It runs ahead of the returned voice by the
 * round trip to the vendor.
 *
 * <p>Threading: as {@link AvatarStream}; signalling events come on the HTTP client's threads, the
 * returned media on libwebrtc's.
 */
final class AnamAvatarStream implements AvatarStream, AnamSignalling.Listener {

    private static final Logger log = LoggerFactory.getLogger(AnamAvatarStream.class);
    private static final byte BLACK_Y = 16;
    private static final byte NEUTRAL_CHROMA = (byte) 128;

    private final AvatarOptions options;
    private final Teardowns teardowns;
    private final SpeechQueue speech;
    private final SpeechPlayer replyClock;
    private final short[] replyScratch;
    private final DownlinkAudio downlink;
    private final FramePool placeholderPool;
    private final I420Frame placeholder;
    private final CompletableFuture<String> answer = new CompletableFuture<>();
    private volatile AnamSignalling signalling;
    private volatile AudioUplink uplink;
    private volatile RemoteAvatarPeer peer;
    private volatile long uplinkCutThrough;
    private volatile String endedBecause;
    private volatile String engineSessionId;
    private I420Frame shown; // the media thread's
    /** A picture per 40 ms (25 fps) for up to 320 ms: more than any jitter buffer holds the voice back. */
    private final FrameDelayLine delayed = new FrameDelayLine(8);
    private volatile long framesDrawn;
    private long framesOfAnotherSize; // the media thread's
    private boolean closed;
    private boolean placeholderShown;

    AnamAvatarStream(AvatarOptions options, ReplyListener replies, int speechQueueItems, Teardowns teardowns) {
        this.options = options;
        this.teardowns = teardowns;
        this.speech = new SpeechQueue(speechQueueItems, options.onBufferFullWait());
        this.replyClock = new SpeechPlayer(speech, AudioUplink.FORMAT, replies);
        this.replyScratch = new short[AudioUplink.FORMAT.framesIn(10)];
        this.downlink = new DownlinkAudio();
        this.placeholderPool = new FramePool(options.width(), options.height(), 1);
        this.placeholder = placeholderPool.acquire();
        byte[] data = placeholder.data();
        Arrays.fill(data, 0, placeholder.offsetU(), BLACK_Y);
        Arrays.fill(data, placeholder.offsetU(), data.length, NEUTRAL_CHROMA);
    }

    /** Set once connected, before the stream is handed to the session. */
    void attach(String engineSessionId, AnamSignalling signalling, AudioUplink uplink, RemoteAvatarPeer peer) {
        this.engineSessionId = engineSessionId;
        this.signalling = signalling;
        this.uplink = uplink;
        this.peer = peer;
    }

    DownlinkAudio downlink() {
        return downlink;
    }

    CompletableFuture<String> answer() {
        return answer;
    }

    /** @throws IllegalArgumentException when speech is not in {@link #inputFormat()} */
    @Override
    public void push(SpeechQueue.Item item) throws InterruptedException {
        if (item instanceof SpeechQueue.Audio audio && !audio.chunk().format().equals(AudioUplink.FORMAT)) {
            throw new IllegalArgumentException("Anam takes speech in " + AudioUplink.FORMAT + ", not " + audio.chunk().format());
        }
        speech.put(item);
        if (item.replyId() <= uplinkCutThrough) {
            return; // a cut reply: the vendor hears no more of it
        }
        switch (item) {
            case SpeechQueue.Audio audio -> uplink.send(audio.chunk());
            case SpeechQueue.ReplyEnd end -> uplink.end();
            default -> {
                // starts and phones are ours: the vendor moves the mouth from the audio itself
            }
        }
    }

    @Override
    public void clearThrough(long replyId) {
        speech.cutThrough(replyId);
        uplinkCutThrough = Math.max(uplinkCutThrough, replyId);
        uplink.interrupt();
        // The interrupt Anam's SDK sends on the data channel: {"message_type":"interrupt","session_id","timestamp"}
        ObjectNode interrupt = signalling.newPayload();
        interrupt.put("message_type", "interrupt");
        interrupt.put("session_id", options.sessionId());
        interrupt.put("timestamp", System.currentTimeMillis());
        peer.sendText(interrupt.toString());
        downlink.clear();
    }

    @Override
    public AudioFormat inputFormat() {
        return AudioUplink.FORMAT;
    }

    @Override
    public AudioFormat outputFormat() {
        return DownlinkAudio.FORMAT;
    }

    @Override
    public int fillAudio(short[] tenMs, long nowNs) {
        int speechFrames = replyClock.fill(replyScratch, nowNs);
        downlink.fill(tenMs);
        collectPicture(nowNs); // every 10 ms, so a picture's arrival time is known to a tick, whatever the frame rate
        // The reply clock counts at the input's rate; the session counts what it publishes.
        return (int) ((long) speechFrames * DownlinkAudio.FORMAT.sampleRateHz() / AudioUplink.FORMAT.sampleRateHz());
    }

    @Override
    public boolean isSpeaking() {
        return replyClock.isSpeaking();
    }

    @Override
    public boolean isStarved() {
        return replyClock.isStarved();
    }

    /**
     * The picture that goes with the sound being played: the newest that arrived at least as long
     * ago as the returned voice waits in its buffer (see {@link FrameDelayLine}).
     */
    @Override
    public I420Frame frameAt(long nowNs) {
        collectPicture(nowNs);
        I420Frame due = delayed.takeDue(nowNs - downlink.bufferedNs());
        if (due != null) {
            if (shown != null) {
                shown.release();
            }
            shown = due;
            framesDrawn++;
        }
        if (shown != null) {
            return shown;
        }
        if (!placeholderShown) {
            placeholderShown = true;
            framesDrawn++; // the black picture shown until the vendor's first one arrives
        }
        return placeholder;
    }

    private void collectPicture(long nowNs) {
        I420Frame fresh = peer.takeLatestFrame();
        if (fresh == null) {
            return;
        }
        if (fresh.width() == options.width() && fresh.height() == options.height()) {
            delayed.add(fresh, nowNs);
            return;
        }
        if (framesOfAnotherSize++ == 0) { // the engine sent another size than asked: not shown, said once
            log.warn("session {}: the hosted avatar sends {}x{}, not the {}x{} asked for; its pictures are not shown",
                    options.sessionId(), fresh.width(), fresh.height(), options.width(), options.height());
        }
        fresh.release();
    }

    @Override
    public long framesDrawn() {
        return framesDrawn;
    }

    @Override
    public long framesOutstanding() {
        RemoteAvatarPeer current = peer;
        return placeholderPool.outstanding() + (current == null ? 0 : current.framesOutstanding());
    }

    /** Anam's id of this face's session. */
    String engineSessionId() {
        return engineSessionId;
    }

    /** The ICE servers the hop's peer connection runs with; empty before it is attached. */
    List<IceServer> iceServers() {
        RemoteAvatarPeer current = peer;
        return current == null ? List.of() : current.iceServers();
    }

    /** Barge-in reaction across the hop: from the clear until the vendor's voice fell silent; -1 before one. */
    long lastBargeInSilenceMs() {
        return downlink.lastMuteMs();
    }

    @Override
    public String endedBecause() {
        return endedBecause;
    }

    /** The downlink's, only if the voice came back at another rate than 48 kHz; the uplink never resamples. */
    @Override
    public int resamplersActive() {
        return downlink.resamples() ? 1 : 0;
    }

    @Override
    public void onAnswer(String sdp) {
        answer.complete(sdp);
    }

    @Override
    public void onSessionReady() {
        AudioUplink current = uplink;
        if (current != null) {
            current.ready();
        }
    }

    /** The peer is attached before the offer goes, so before any candidate of the engine's can come. */
    @Override
    public void onIceCandidate(IceCandidate candidate) {
        peer.addRemoteCandidate(candidate);
    }

    @Override
    public void onEnded(String reason) {
        if (endedBecause != null) {
            return; // the first reason is the cause; what follows (the socket closing after endsession) is its echo
        }
        endedBecause = reason;
        log.info("session {}: the hosted avatar ended: {}", options.sessionId(), reason);
        answer.completeExceptionally(new IllegalStateException(reason));
    }

    /** On the media thread, after its last media call: frames now, the network on its own thread. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (shown != null) {
            shown.release();
            shown = null;
        }
        delayed.releaseAll();
        placeholder.release();
        RemoteAvatarPeer current = peer;
        if (current != null) {
            current.stopReceiving(); // no picture waits unreleased once the stream is closed
        }
        disconnect();
    }

    /** Ends the vendor's session and the peer; never blocks the caller (a media thread). */
    void disconnect() {
        AnamSignalling currentSignalling = signalling;
        RemoteAvatarPeer currentPeer = peer;
        teardowns.start("facecast-anam-close-" + options.sessionId(), () -> {
            if (currentSignalling != null) {
                currentSignalling.close();
            }
            if (currentPeer != null) {
                currentPeer.close();
            }
        });
    }
}
