package dev.facecast.fakevendors.anam;

/**
 * How the fake Anam misbehaves, changeable while it runs. Thread-safe: each knob is read once per use.
 */
public final class AnamKnobs {

    private volatile int refuseStatus;
    private volatile long readyDelayMs;
    private volatile long endSessionAfterMs;
    private volatile String extraIceServerUrl;

    /** Back to a well-behaved vendor. */
    public AnamKnobs reset() {
        refuseStatus = 0;
        readyDelayMs = 0;
        endSessionAfterMs = 0;
        extraIceServerUrl = null;
        return this;
    }

    /**
     * Answer the REST calls with this status (400, 401, 402, 403, 429, 503) and the body Anam
     * documents for it; 0 answers normally.
     */
    public AnamKnobs refuseWith(int status) {
        refuseStatus = status;
        return this;
    }

    /** Extra time after the peer connection is up before {@code sessionready}: audio sent meanwhile is dropped. */
    public AnamKnobs readyDelayMs(long ms) {
        readyDelayMs = ms;
        return this;
    }

    /** The engine ends each session ({@code endsession}) this long after it is ready; 0 never. */
    public AnamKnobs endSessionAfterMs(long ms) {
        endSessionAfterMs = ms;
        return this;
    }

    /**
     * One more ICE server named first in each engine session's {@code clientConfig.iceServers}, such as a
     * STUN url on a port nobody answers; null for none.
     */
    public AnamKnobs extraIceServer(String url) {
        extraIceServerUrl = url;
        return this;
    }

    int refuseStatus() {
        return refuseStatus;
    }

    long readyDelayMs() {
        return readyDelayMs;
    }

    long endSessionAfterMs() {
        return endSessionAfterMs;
    }

    String extraIceServer() {
        return extraIceServerUrl;
    }
}
