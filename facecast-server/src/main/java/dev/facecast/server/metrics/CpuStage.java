package dev.facecast.server.metrics;

/** Where a process's CPU goes, by the role of the thread that spends it. */
public enum CpuStage {
    /** Facecast's media threads: rendering, audio ticks, frame hand-off. */
    MEDIA,
    /** libwebrtc's per-session encoder threads (VP8 {@code EncoderQueue}, Opus {@code AudioEncoder}). */
    ENCODE,
    /** libwebrtc's network and worker threads: packetizing, pacing, sending. */
    NETWORK,
    /** libwebrtc's signaling thread. */
    SIGNALING,
    /** Everything else: HTTP, speech synthesis, JIT, GC. */
    OTHER;

    static CpuStage of(String threadName) {
        if (threadName.startsWith("facecast-media")) {
            return MEDIA;
        } else if (EncoderThreads.isEncoder(threadName)) {
            return ENCODE;
        } else if (threadName.startsWith("webrtc_jni_netw") || threadName.startsWith("webrtc_jni_work")) {
            return NETWORK;
        } else if (threadName.startsWith("webrtc_jni_sign")) {
            return SIGNALING;
        }
        return OTHER;
    }

    String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
