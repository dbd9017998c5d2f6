package dev.facecast.tts.freetts;

import com.sun.speech.freetts.Voice;
import com.sun.speech.freetts.VoiceManager;
import dev.facecast.media.audio.AudioFormat;
import dev.facecast.tts.NativeRateSynthesizer;
import dev.facecast.tts.SpeechSink;
import dev.facecast.tts.TtsException;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.function.BooleanSupplier;

/**
 * FreeTTS (pure Java, 16 kHz, voice {@code kevin16}) with phone timings from each utterance's
 * segment relation.
 *
 * <p>A FreeTTS voice is not thread-safe, so each synthesis borrows one from a small pool;
 * at most {@code maxVoices} run at once and further calls wait their turn. Loading a voice
 * takes about a second, so the first is loaded eagerly.
 */
public final class FreeTtsSynthesizer extends NativeRateSynthesizer {

    public static final String VOICE_NAME = "kevin16";
    private static final AudioFormat NATIVE = AudioFormat.mono(16_000);

    private final BlockingQueue<FreeTtsVoice> idle = new LinkedBlockingQueue<>();
    private final Semaphore voices;

    public FreeTtsSynthesizer(int maxVoices) {
        if (maxVoices < 1) {
            throw new IllegalArgumentException("need at least one voice");
        }
        this.voices = new Semaphore(maxVoices);
        idle.add(newVoice());
    }

    @Override
    public String name() {
        return "freetts";
    }

    @Override
    public AudioFormat nativeFormat() {
        return NATIVE;
    }

    @Override
    protected void synthesizeNative(String text, SpeechSink sink, BooleanSupplier cancelled) throws InterruptedException {
        voices.acquire();
        try {
            FreeTtsVoice voice = idle.poll();
            if (voice == null) {
                voice = newVoice();
            }
            try {
                voice.speak(text, sink, cancelled);
            } finally {
                idle.add(voice);
            }
        } finally {
            voices.release();
        }
    }

    @Override
    public void close() {
        for (FreeTtsVoice voice; (voice = idle.poll()) != null; ) {
            voice.deallocate();
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
