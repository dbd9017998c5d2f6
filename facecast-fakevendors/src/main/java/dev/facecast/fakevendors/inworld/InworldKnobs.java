package dev.facecast.fakevendors.inworld;

/**
 * How the fake Inworld misbehaves, changeable while it runs (tests flip them between calls).
 * Thread-safe: every knob is read once per use.
 */
public final class InworldKnobs {

    /** Contexts one connection may hold open: Inworld documents 5. */
    public static final int DOCUMENTED_MAX_CONTEXTS = 5;

    private volatile long firstAudioDelayMs;
    private volatile int refuseUpgradeStatus;
    private volatile boolean garbage;
    private volatile int stallAfterChunks = -1;
    private volatile int maxContexts = DOCUMENTED_MAX_CONTEXTS;
    private volatile int chunkMs = 100;
    private volatile long chunkGapMs;

    /** Back to a well-behaved vendor. */
    public InworldKnobs reset() {
        firstAudioDelayMs = 0;
        refuseUpgradeStatus = 0;
        garbage = false;
        stallAfterChunks = -1;
        maxContexts = DOCUMENTED_MAX_CONTEXTS;
        chunkMs = 100;
        chunkGapMs = 0;
        return this;
    }

    /** Extra time before a flush's first audio chunk: network and model latency. */
    public InworldKnobs firstAudioDelayMs(long ms) {
        firstAudioDelayMs = ms;
        return this;
    }

    /** Refuse WebSocket upgrades and HTTP requests with this HTTP status (401, 429, 503); 0 accepts any non-empty key. */
    public InworldKnobs refuseUpgrades(int status) {
        refuseUpgradeStatus = status;
        return this;
    }

    /** Answer a flush with a text frame that is not JSON instead of audio. */
    public InworldKnobs garbage(boolean on) {
        garbage = on;
        return this;
    }

    /** Stop sending (without closing anything) after this many audio chunks of a flush; -1 never stalls. */
    public InworldKnobs stallAfterChunks(int chunks) {
        stallAfterChunks = chunks;
        return this;
    }

    /** Contexts one connection may hold; more get "max contexts limit reached". */
    public InworldKnobs maxContexts(int contexts) {
        maxContexts = contexts;
        return this;
    }

    /** Audio per chunk. */
    public InworldKnobs chunkMs(int ms) {
        chunkMs = ms;
        return this;
    }

    /** Pause between chunks: 0 sends as fast as the voice makes them, {@code chunkMs} streams in real time. */
    public InworldKnobs chunkGapMs(long ms) {
        chunkGapMs = ms;
        return this;
    }

    long chunkGapMs() {
        return chunkGapMs;
    }

    long firstAudioDelayMs() {
        return firstAudioDelayMs;
    }

    int refuseUpgradeStatus() {
        return refuseUpgradeStatus;
    }

    boolean garbage() {
        return garbage;
    }

    int stallAfterChunks() {
        return stallAfterChunks;
    }

    int maxContexts() {
        return maxContexts;
    }

    int chunkMs() {
        return chunkMs;
    }
}
