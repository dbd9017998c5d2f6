package dev.facecast.tts.flite;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * The narrow wrapper around flite (CMU's C speech synthesizer) through the FFM API: the few
 * functions Facecast calls, found in the system's libflite and the {@code cmu_us_slt} voice
 * (Debian: {@code apt-get install libflite1}). Load it with {@link #load()}; when that fails,
 * {@link #unavailabilityCause()} says why.
 */
final class FliteLibrary {

    static final String VOICE_LIBRARY = "libflite_cmu_us_slt.so.1";
    static final String CORE_LIBRARY = "libflite.so.1";

    private static final Object LOCK = new Object();
    private static FliteLibrary loaded;
    private static Throwable unavailabilityCause;

    final MethodHandle synthText;
    final MethodHandle uttWave;
    final MethodHandle uttRelation;
    final MethodHandle relationHead;
    final MethodHandle itemNext;
    final MethodHandle itemFeatString;
    final MethodHandle itemFeatFloat;
    final MethodHandle deleteUtterance;
    final MemorySegment voice;

    private FliteLibrary(SymbolLookup core, SymbolLookup voiceLibrary) throws Throwable {
        Linker linker = Linker.nativeLinker();
        ValueLayout.OfInt intLayout = ValueLayout.JAVA_INT;
        MethodHandle init = linker.downcallHandle(find(core, "flite_init"), FunctionDescriptor.of(intLayout));
        init.invoke();
        MethodHandle register = linker.downcallHandle(find(voiceLibrary, "register_cmu_us_slt"),
                FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS));
        this.voice = (MemorySegment) register.invoke(MemorySegment.NULL);
        if (voice.equals(MemorySegment.NULL)) {
            throw new IllegalStateException("register_cmu_us_slt returned no voice");
        }
        this.synthText = linker.downcallHandle(find(core, "flite_synth_text"),
                FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS));
        this.uttWave = linker.downcallHandle(find(core, "utt_wave"), FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS));
        this.uttRelation = linker.downcallHandle(find(core, "utt_relation"),
                FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS));
        this.relationHead = linker.downcallHandle(find(core, "relation_head"), FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS));
        this.itemNext = linker.downcallHandle(find(core, "item_next"), FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS));
        this.itemFeatString = linker.downcallHandle(find(core, "item_feat_string"),
                FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS));
        this.itemFeatFloat = linker.downcallHandle(find(core, "item_feat_float"),
                FunctionDescriptor.of(ValueLayout.JAVA_FLOAT, ValueLayout.ADDRESS, ValueLayout.ADDRESS));
        this.deleteUtterance = linker.downcallHandle(find(core, "delete_utterance"), FunctionDescriptor.ofVoid(ValueLayout.ADDRESS));
    }

    /** The loaded library, or an exception that says why it cannot be. */
    static FliteLibrary load() {
        synchronized (LOCK) {
            if (loaded == null && unavailabilityCause == null) {
                try {
                    SymbolLookup core = SymbolLookup.libraryLookup(CORE_LIBRARY, Arena.global());
                    SymbolLookup voiceLibrary = SymbolLookup.libraryLookup(VOICE_LIBRARY, Arena.global());
                    loaded = new FliteLibrary(core, voiceLibrary);
                } catch (Throwable failure) {
                    unavailabilityCause = failure;
                }
            }
            if (loaded == null) {
                throw new IllegalStateException("flite is not available: " + unavailabilityCause.getMessage()
                        + " (install it with: apt-get install libflite1)", unavailabilityCause);
            }
            return loaded;
        }
    }

    static boolean isAvailable() {
        return unavailabilityCause() == null;
    }

    /** Why flite cannot be used here, or null when it can (loads it on first call). */
    static Throwable unavailabilityCause() {
        try {
            load();
            return null;
        } catch (IllegalStateException e) {
            return e;
        }
    }

    private static MemorySegment find(SymbolLookup lookup, String name) {
        return lookup.find(name).orElseThrow(() -> new IllegalStateException("symbol " + name + " not found"));
    }
}
