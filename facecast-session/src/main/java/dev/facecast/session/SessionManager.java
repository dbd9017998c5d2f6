package dev.facecast.session;

import dev.facecast.media.agent.MediaRunner;
import dev.facecast.media.audio.AudioFormat;
import dev.facecast.tts.SpeechSynthesizer;

import java.security.SecureRandom;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sessions of this process: creates them up to a limit, finds them by id, closes them.
 * Thread-safe.
 */
public final class SessionManager implements AutoCloseable {

    private final SpeechSynthesizer tts;
    private final MediaRunner runner;
    private final AudioFormat outputAudioFormat;
    private final int maxSessions;
    private final int defaultIdleFps;
    private final MediaTotals totals = new MediaTotals();
    private final FrameObserver frameObserver;
    private final Map<String, AvatarSession> sessions = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    /**
     * @param outputAudioFormat what the media output takes; sessions ask the TTS for it
     * @param maxSessions       sessions beyond this are refused with {@link CapacityException}
     * @param defaultIdleFps    new sessions' frame rate while silent (0: no idle savings)
     * @param frameObserver     told of every frame pushed, on media threads
     */
    public SessionManager(SpeechSynthesizer tts, MediaRunner runner, AudioFormat outputAudioFormat, int maxSessions,
                          int defaultIdleFps, FrameObserver frameObserver) {
        this.tts = tts;
        this.runner = runner;
        this.outputAudioFormat = outputAudioFormat;
        this.maxSessions = maxSessions;
        this.defaultIdleFps = defaultIdleFps;
        this.frameObserver = frameObserver;
    }

    public SessionManager(SpeechSynthesizer tts, MediaRunner runner, AudioFormat outputAudioFormat, int maxSessions) {
        this(tts, runner, outputAudioFormat, maxSessions, 0, FrameObserver.NONE);
    }

    /** Thrown when the process has no room for another session. */
    public static final class CapacityException extends RuntimeException {
        public CapacityException(String message) {
            super(message);
        }
    }

    public AvatarSession create(VideoSettings video) {
        synchronized (sessions) {
            if (sessions.size() >= maxSessions) {
                throw new CapacityException("this process is full: " + maxSessions + " sessions");
            }
            String id = HexFormat.of().formatHex(randomBytes());
            AvatarSession session = new AvatarSession(id, video, defaultIdleFps, outputAudioFormat, tts, runner, totals,
                    frameObserver);
            sessions.put(id, session);
            return session;
        }
    }

    public Optional<AvatarSession> find(String id) {
        return Optional.ofNullable(sessions.get(id));
    }

    /** Closes and forgets the session; false when there was none with that id. */
    public boolean delete(String id) {
        AvatarSession session = sessions.remove(id);
        if (session == null) {
            return false;
        }
        session.close();
        return true;
    }

    public Collection<AvatarSession> sessions() {
        return List.copyOf(sessions.values());
    }

    /** Counters over all sessions, past and present. */
    public MediaTotals totals() {
        return totals;
    }

    public int maxSessions() {
        return maxSessions;
    }

    public AudioFormat outputAudioFormat() {
        return outputAudioFormat;
    }

    @Override
    public void close() {
        sessions.keySet().forEach(this::delete);
    }

    private byte[] randomBytes() {
        byte[] bytes = new byte[8];
        random.nextBytes(bytes);
        return bytes;
    }
}
