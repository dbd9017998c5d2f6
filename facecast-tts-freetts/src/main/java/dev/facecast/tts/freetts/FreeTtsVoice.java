package dev.facecast.tts.freetts;

import com.sun.speech.freetts.FeatureSet;
import com.sun.speech.freetts.Item;
import com.sun.speech.freetts.Relation;
import com.sun.speech.freetts.Utterance;
import com.sun.speech.freetts.Voice;
import dev.facecast.media.speech.PhoneTiming;
import dev.facecast.tts.SpeechSink;
import dev.facecast.tts.TtsException;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * One allocated FreeTTS voice, used by one synthesis at a time. A processor appended to the
 * voice's chain reads each utterance's segments (phone name and end time) after the
 * durations are set and before its audio is made.
 */
final class FreeTtsVoice {

    private final Voice voice;
    private volatile CapturingAudioPlayer current;

    FreeTtsVoice(Voice voice) {
        this.voice = voice;
        // Set before allocate(), so FreeTTS never opens a sound device.
        voice.setAudioPlayer(new CapturingAudioPlayer(null, () -> true));
        voice.allocate();
        @SuppressWarnings("unchecked")
        List<Object> processors = voice.getUtteranceProcessors();
        processors.add((com.sun.speech.freetts.UtteranceProcessor) this::collectPhones);
    }

    void speak(String text, SpeechSink sink, BooleanSupplier cancelled) {
        CapturingAudioPlayer player = new CapturingAudioPlayer(sink, cancelled);
        current = player;
        voice.setAudioPlayer(player);
        try {
            boolean spoken = voice.speak(text);
            if (!spoken && !cancelled.getAsBoolean()) {
                throw new TtsException("FreeTTS could not speak the text");
            }
        } finally {
            current = null;
        }
    }

    void deallocate() {
        voice.deallocate();
    }

    private void collectPhones(Utterance utterance) {
        CapturingAudioPlayer player = current;
        Relation segments = utterance.getRelation(Relation.SEGMENT);
        if (player == null || segments == null) {
            return;
        }
        List<PhoneTiming> phones = new ArrayList<>();
        for (Item item = segments.getHead(); item != null; item = item.getNext()) {
            FeatureSet features = item.getFeatures();
            if (features.isPresent("end")) {
                long endMs = Math.round(features.getFloat("end") * 1000.0);
                phones.add(new PhoneTiming(features.getString("name"), Math.max(0, endMs)));
            }
        }
        player.expectUtterance(phones);
    }
}
