package dev.facecast.tts.flite;

import dev.facecast.media.audio.AudioFormat;
import dev.facecast.media.audio.PcmChunk;
import dev.facecast.media.speech.PhoneTiming;
import dev.facecast.provider.Call;
import dev.facecast.provider.ProviderPolicy;
import dev.facecast.tts.NativeRateSynthesizer;
import dev.facecast.tts.SpeechSink;
import dev.facecast.tts.TtsException;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * flite with the {@code cmu_us_slt} voice (16 kHz, clearer than FreeTTS), through the FFM API,
 * with phone timings from each utterance's Segment relation. flite keeps global state, so
 * syntheses take turns, waiting within the policy's connect deadline. One native call makes
 * the whole utterance and cannot be interrupted: a deadline that passes during it is reported
 * when it returns.
 */
public final class FliteSynthesizer extends NativeRateSynthesizer {

    private static final AudioFormat NATIVE = AudioFormat.mono(16_000);
    /** 40 ms at 16 kHz, as FreeTTS's chunks. */
    private static final int CHUNK_FRAMES = 640;
    /** cst_wave: type (pointer), sample_rate, num_samples, num_channels (ints), samples (pointer). */
    private static final long WAVE_SAMPLE_RATE = 8;
    private static final long WAVE_NUM_SAMPLES = 12;
    private static final long WAVE_NUM_CHANNELS = 16;
    private static final long WAVE_SAMPLES = 24;

    private final FliteLibrary flite;
    private final ReentrantLock turn = new ReentrantLock();

    /** @throws IllegalStateException when libflite is not installed, saying so */
    public FliteSynthesizer() {
        this(ProviderPolicy.LOCAL);
    }

    /** @throws IllegalStateException when libflite is not installed, saying so */
    public FliteSynthesizer(ProviderPolicy policy) {
        super("flite", NATIVE, policy);
        this.flite = FliteLibrary.load();
    }

    public static boolean isAvailable() {
        return FliteLibrary.isAvailable();
    }

    /** Why flite cannot be used here, or null when it can. */
    public static Throwable unavailabilityCause() {
        return FliteLibrary.unavailabilityCause();
    }

    @Override
    protected void synthesizeNative(String text, SpeechSink sink, Call call) throws Throwable {
        turn.lockInterruptibly();
        call.connected();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment utterance = (MemorySegment) flite.synthText.invoke(arena.allocateFrom(text), flite.voice);
            if (utterance.equals(MemorySegment.NULL)) {
                throw new TtsException("flite could not synthesize the text");
            }
            try {
                MemorySegment wave = ((MemorySegment) flite.uttWave.invoke(utterance)).reinterpret(32);
                int rateHz = wave.get(ValueLayout.JAVA_INT, WAVE_SAMPLE_RATE);
                int frames = wave.get(ValueLayout.JAVA_INT, WAVE_NUM_SAMPLES);
                int channels = wave.get(ValueLayout.JAVA_INT, WAVE_NUM_CHANNELS);
                if (rateHz != NATIVE.sampleRateHz() || channels != 1) {
                    throw new TtsException("flite made " + rateHz + " Hz x" + channels + "; expected " + NATIVE);
                }
                sink.onPhones(phones(utterance, arena));
                MemorySegment samples = wave.get(ValueLayout.ADDRESS, WAVE_SAMPLES).reinterpret(2L * frames);
                for (int at = 0; at < frames && !call.getAsBoolean(); at += CHUNK_FRAMES) {
                    int count = Math.min(CHUNK_FRAMES, frames - at);
                    short[] chunk = new short[count];
                    MemorySegment.copy(samples, ValueLayout.JAVA_SHORT, 2L * at, chunk, 0, count);
                    sink.onAudio(new PcmChunk(NATIVE, chunk, count));
                }
            } finally {
                flite.deleteUtterance.invoke(utterance);
            }
        } finally {
            turn.unlock();
        }
    }

    private List<PhoneTiming> phones(MemorySegment utterance, Arena arena) throws Throwable {
        List<PhoneTiming> phones = new ArrayList<>();
        MemorySegment relation = (MemorySegment) flite.uttRelation.invoke(utterance, arena.allocateFrom("Segment"));
        if (relation.equals(MemorySegment.NULL)) {
            return phones;
        }
        MemorySegment nameFeature = arena.allocateFrom("name");
        MemorySegment endFeature = arena.allocateFrom("end");
        for (MemorySegment item = (MemorySegment) flite.relationHead.invoke(relation); !item.equals(MemorySegment.NULL);
             item = (MemorySegment) flite.itemNext.invoke(item)) {
            MemorySegment name = ((MemorySegment) flite.itemFeatString.invoke(item, nameFeature)).reinterpret(64);
            float endSeconds = (float) flite.itemFeatFloat.invoke(item, endFeature);
            phones.add(new PhoneTiming(name.getString(0), Math.max(0, Math.round(endSeconds * 1000))));
        }
        return phones;
    }
}
