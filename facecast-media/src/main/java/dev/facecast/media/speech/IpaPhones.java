package dev.facecast.media.speech;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * American English phones between IPA (what cloud TTS timestamps carry, such as Inworld's
 * {@code phoneSymbol}) and the ARPAbet names the local engines and the avatar use. Pure
 * functions; unknown symbols map to {@code pau} (a closed mouth), never to an error: a
 * vendor's new symbol must not break a reply.
 */
public final class IpaPhones {

    private static final String PAUSE = "pau";
    private static final Map<String, String> ARPABET_TO_IPA = new HashMap<>();
    private static final Map<String, String> IPA_TO_ARPABET = new HashMap<>();

    static {
        String[][] pairs = {
                {"aa", "ɑ"}, {"ae", "æ"}, {"ah", "ʌ"}, {"ao", "ɔ"}, {"aw", "aʊ"}, {"ax", "ə"}, {"axr", "ɚ"},
                {"ay", "aɪ"}, {"eh", "ɛ"}, {"er", "ɝ"}, {"ey", "eɪ"}, {"ih", "ɪ"}, {"iy", "i"}, {"ow", "oʊ"},
                {"oy", "ɔɪ"}, {"uh", "ʊ"}, {"uw", "u"}, {"b", "b"}, {"ch", "tʃ"}, {"d", "d"}, {"dh", "ð"},
                {"f", "f"}, {"g", "ɡ"}, {"hh", "h"}, {"jh", "dʒ"}, {"k", "k"}, {"l", "l"}, {"m", "m"},
                {"n", "n"}, {"ng", "ŋ"}, {"p", "p"}, {"r", "ɹ"}, {"s", "s"}, {"sh", "ʃ"}, {"t", "t"},
                {"th", "θ"}, {"v", "v"}, {"w", "w"}, {"y", "j"}, {"z", "z"}, {"zh", "ʒ"},
        };
        for (String[] pair : pairs) {
            ARPABET_TO_IPA.put(pair[0], pair[1]);
            IPA_TO_ARPABET.put(pair[1], pair[0]);
        }
        // Spellings vendors use for the same sounds: ASCII g and r, the r-less vowels, o and e alone.
        String[][] variants = {{"g", "g"}, {"r", "r"}, {"ɜ", "er"}, {"ɜ˞", "er"}, {"o", "ow"}, {"e", "ey"},
                {"ɐ", "ah"}, {"a", "aa"}, {"ɾ", "d"}, {"ʔ", "t"}, {"ɫ", "l"}, {"ɹ̩", "er"}, {"ʧ", "ch"}, {"ʤ", "jh"}};
        for (String[] variant : variants) {
            IPA_TO_ARPABET.put(variant[0], variant[1]);
        }
    }

    private IpaPhones() {
    }

    /** The ARPAbet name of an IPA phone (length marks and stress dropped); {@code pau} when unknown. */
    public static String toArpabet(String ipa) {
        if (ipa == null) {
            return PAUSE;
        }
        String bare = ipa.replace("ː", "").replace("ˈ", "").replace("ˌ", "").strip();
        return IPA_TO_ARPABET.getOrDefault(bare, PAUSE);
    }

    /** The IPA symbol of an ARPAbet phone; the empty string for a pause or an unknown name. */
    public static String fromArpabet(String arpabet) {
        return ARPABET_TO_IPA.getOrDefault(arpabet.toLowerCase(Locale.ROOT), "");
    }
}
