package dev.facecast.tts.freetts;

import com.sun.speech.freetts.Voice;
import com.sun.speech.freetts.VoiceManager;
import dev.facecast.media.audio.AudioFormat;
import dev.facecast.provider.Call;
import dev.facecast.provider.ProviderPolicy;
import dev.facecast.tts.NativeRateSynthesizer;
import dev.facecast.tts.SpeechSink;
import dev.facecast.tts.TtsException;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;

/**
 * FreeTTS (pure Java, 16 kHz, voice {@code kevin16}) with phone timings from each utterance's
 * segment relation.
 *
 * <p>A FreeTTS voice is not thread-safe, so each synthesis borrows one from a small pool;
 * at most {@code maxVoices} run at once and further calls wait their turn, within the
 * policy's connect deadline. Loading a voice takes about a second, so the first is loaded
 * eagerly.
 */
public final class FreeTtsSynthesizer extends NativeRateSynthesizer {

    public static final String VOICE_NAME = "kevin16";
    private static final AudioFormat NATIVE = AudioFormat.mono(16_000);

    private final BlockingQueue<FreeTtsVoice> idle = new LinkedBlockingQueue<>();
    private final Semaphore voices;

    public FreeTtsSynthesizer(int maxVoices) {
        this(maxVoices, ProviderPolicy.LOCAL);
    }

    public FreeTtsSynthesizer(int maxVoices, ProviderPolicy policy) {
        super("freetts", NATIVE, policy);
        if (maxVoices < 1) {
            throw new IllegalArgumentException("need at least one voice");
        }
        this.voices = new Semaphore(maxVoices);
        idle.add(newVoice());
    }

    @Override
    protected void synthesizeNative(String text, SpeechSink sink, Call call) throws InterruptedException {
        voices.acquire();
        try {
            FreeTtsVoice voice = idle.poll();
            if (voice == null) {
                voice = newVoice();
            }
            call.connected();
            try {
                voice.speak(text, sink, call);
            } finally {
                giveBack(voice);
            }
        } finally {
            voices.release();
        }
    }

    @Override
    protected void releaseEngine() {
        for (FreeTtsVoice voice; (voice = idle.poll()) != null; ) {
            voice.deallocate();
        }
    }

    /** A voice back from a synthesis that outlived close is freed, not pooled: nobody would free it later. */
    private void giveBack(FreeTtsVoice voice) {
        if (isClosed()) {
            voice.deallocate();
        } else {
            idle.add(voice);
        }
    }

    private static FreeTtsVoice newVoice() {
        // FreeTTS finds its voices through this property; the jar lists none by default.
        System.setProperty("freetts.voices", "com.sun.speech.freetts.en.us.cmu_us_kal.KevinVoiceDirectory");
        Voice voice = VoiceManager.getInstance().getVoice(VOICE_NAME);
        if (voice == null) {
            throw new TtsException("FreeTTS voice " + VOICE_NAME + " not found on the class path");
        }
        return new FreeTtsVoice(voice);
    }
}
