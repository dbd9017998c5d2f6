package dev.facecast.fakevendors.anam;

import dev.facecast.avatar.AvatarOptions;
import dev.facecast.avatar.AvatarStream;
import dev.facecast.avatar.ReplyListener;
import dev.facecast.avatar.SpeechQueue;
import dev.facecast.avatar.SpriteAvatar;
import dev.facecast.media.audio.AudioFormat;
import dev.facecast.media.audio.PcmChunk;
import dev.facecast.media.clock.DeadlinePacer;
import dev.facecast.webrtc.IceCandidate;
import dev.facecast.webrtc.Publisher;
import dev.facecast.webrtc.PublisherSettings;
import dev.facecast.webrtc.WebRtcRuntime;
import dev.onvoid.webrtc.RTCPeerConnectionState;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The fake engine's face for one session: our own sprite head, lip-synced to the audio the
 * client sends (24 kHz), published back over WebRTC with that audio, as a hosted avatar does.
 * One platform thread per session runs the media by deadline: 10 ms of audio per tick, a
 * picture every frame interval.
 *
 * <p>Threading: speech comes in on the signalling thread ({@link #speak}, {@link #endReply},
 * {@link #interrupt}); media on the engine's own thread.
 */
final class FakeAnamEngine implements AutoCloseable {

    /** The audio format Anam's passthrough takes (the issue and Anam's SDKs: pcm_s16le, 24 kHz, mono). */
    static final AudioFormat SPEECH = AudioFormat.mono(24_000);
    private static final long TICK_NS = 10_000_000L;
    private static final int FPS = 25;

    private final Publisher publisher;
    private final AvatarStream face;
    private final Thread media;
    private final AtomicLong replyId = new AtomicLong(1);
    private final AtomicLong chunksSpoken = new AtomicLong();
    private volatile boolean replyOpen;
    private volatile boolean running = true;

    FakeAnamEngine(WebRtcRuntime webrtc, String sessionId, int width, int height, Consumer<RTCPeerConnectionState> onState) {
        publisher = new Publisher(webrtc, new PublisherSettings(SPEECH, 1_000_000, Duration.ofSeconds(5)), sessionId, onState);
        face = new SpriteAvatar().open(new AvatarOptions(sessionId, width, height, SPEECH, sessionId.hashCode(), () -> { }),
                ReplyListener.NONE);
        media = Thread.ofPlatform().name("fake-anam-media-" + sessionId).daemon().start(this::run);
    }

    /** The answer at once; the candidates trickle ({@link #trickleTo}, {@link #addRemoteCandidate}). */
    String answer(String offerSdp) throws TimeoutException, InterruptedException {
        return publisher.answerTrickling(offerSdp);
    }

    /** Once the answer is sent: our candidates, on libwebrtc's signalling thread. */
    void trickleTo(Consumer<IceCandidate> sender) {
        publisher.trickleTo(sender);
    }

    /** The client's candidates; those that come before the offer is applied wait for it. */
    void addRemoteCandidate(IceCandidate candidate) {
        publisher.addRemoteCandidate(candidate);
    }

    /** Data channel messages from the client (the interrupt), on a libwebrtc thread. */
    void onDataText(Consumer<String> listener) {
        publisher.onDataText(listener);
    }

    /** The next audio of the current reply (a new one starts with the first audio after an end). */
    void speak(short[] samples) throws InterruptedException {
        long id = replyId.get();
        if (!replyOpen) {
            replyOpen = true;
            face.push(new SpeechQueue.ReplyStart(id));
        }
        face.push(new SpeechQueue.Audio(id, new PcmChunk(SPEECH, samples, samples.length)));
        chunksSpoken.incrementAndGet();
    }

    /** {@code agentaudioinputend}: the reply plays out to its end. */
    void endReply() throws InterruptedException {
        if (replyOpen) {
            replyOpen = false;
            face.push(new SpeechQueue.ReplyEnd(replyId.getAndIncrement()));
        }
    }

    /** The interrupt: what is buffered of the current reply is dropped at the next tick. */
    void interrupt() {
        long id = replyId.getAndIncrement();
        replyOpen = false;
        face.clearThrough(id);
    }

    long chunksSpoken() {
        return chunksSpoken.get();
    }

    private void run() {
        short[] tenMs = new short[SPEECH.framesIn(10)];
        DeadlinePacer audio = new DeadlinePacer(TICK_NS, 200 * TICK_NS);
        DeadlinePacer video = new DeadlinePacer(1_000_000_000L / FPS, 1_000_000_000L);
        long startNs = System.nanoTime();
        audio.start(startNs);
        video.start(startNs);
        while (running) {
            long nowNs = System.nanoTime();
            if (audio.isDue(nowNs)) {
                face.fillAudio(tenMs, nowNs);
                publisher.pushAudio(tenMs, tenMs.length);
                audio.tick(nowNs);
            }
            if (video.isDue(nowNs)) {
                var frame = face.frameAt(nowNs);
                frame.setTimestampUs((nowNs - startNs) / 1_000);
                publisher.pushVideo(frame);
                video.tick(nowNs);
            }
            LockSupport.parkNanos(Math.min(audio.nextDeadlineNs(), video.nextDeadlineNs()) - System.nanoTime());
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            media.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        face.close();
        publisher.close();
    }
}
