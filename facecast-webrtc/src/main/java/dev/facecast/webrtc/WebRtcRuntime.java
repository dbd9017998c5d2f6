package dev.facecast.webrtc;

import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.media.audio.AudioDeviceModule;
import dev.onvoid.webrtc.media.audio.AudioLayer;

/**
 * The narrow wrapper around libwebrtc: loads it once and owns the shared publisher factory.
 *
 * <p>The publisher factory uses a dummy audio device: our audio comes from
 * {@code CustomAudioSource}, and on this platform both the headless device module and the
 * default factory abort the process when combined with a custom audio source.
 */
public final class WebRtcRuntime implements AutoCloseable {

    private static final Object LOCK = new Object();
    private static Throwable unavailabilityCause;
    private static boolean probed;

    private final AudioDeviceModule publisherAudioDevice;
    private final PeerConnectionFactory publisherFactory;
    private final CodecPreferences codecPreferences;

    private WebRtcRuntime() {
        this.publisherAudioDevice = new AudioDeviceModule(AudioLayer.kDummyAudio);
        this.publisherFactory = new PeerConnectionFactory(publisherAudioDevice);
        this.codecPreferences = new CodecPreferences(publisherFactory);
    }

    /** Loads libwebrtc and makes the shared factories. */
    public static WebRtcRuntime start() {
        ensureAvailability();
        return new WebRtcRuntime();
    }

    /** True when libwebrtc's native library loads on this machine. */
    public static boolean isAvailable() {
        synchronized (LOCK) {
            probe();
            return unavailabilityCause == null;
        }
    }

    /** Why libwebrtc cannot be used here, or null when it can. */
    public static Throwable unavailabilityCause() {
        synchronized (LOCK) {
            probe();
            return unavailabilityCause;
        }
    }

    public static void ensureAvailability() {
        Throwable cause = unavailabilityCause();
        if (cause != null) {
            throw new IllegalStateException("libwebrtc (webrtc-java) is not usable on "
                    + System.getProperty("os.name") + "/" + System.getProperty("os.arch") + ": " + cause.getMessage()
                    + ". Run with --enable-native-access=ALL-UNNAMED on linux-x86_64.", cause);
        }
    }

    PeerConnectionFactory publisherFactory() {
        return publisherFactory;
    }

    CodecPreferences codecPreferences() {
        return codecPreferences;
    }

    @Override
    public void close() {
        publisherFactory.dispose();
        publisherAudioDevice.dispose();
    }

    private static void probe() {
        if (probed) {
            return;
        }
        probed = true;
        try {
            // Loading the class runs webrtc-java's native loader.
            Class.forName(PeerConnectionFactory.class.getName(), true, WebRtcRuntime.class.getClassLoader());
        } catch (Throwable failure) {
            unavailabilityCause = failure instanceof ExceptionInInitializerError e && e.getCause() != null ? e.getCause() : failure;
        }
    }
}
