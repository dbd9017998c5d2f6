package dev.facecast.stt.vosk;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.facecast.media.audio.AudioFormat;
import dev.facecast.stt.Transcriber;
import dev.facecast.stt.TranscriptListener;
import org.vosk.Model;
import org.vosk.Recognizer;

import java.io.IOException;
import java.io.UncheckedIOException;

/** One Vosk recogniser: partial results as audio comes, a final one at each endpoint. */
final class VoskTranscriber implements Transcriber {

    private final Recognizer recognizer;
    private final AudioFormat format;
    private final TranscriptListener listener;
    private final ObjectMapper json;
    private long framesFed;
    private String lastPartial = "";

    VoskTranscriber(Model model, AudioFormat format, TranscriptListener listener, ObjectMapper json) {
        try {
            this.recognizer = new Recognizer(model, format.sampleRateHz());
        } catch (IOException e) {
            throw new UncheckedIOException("could not start a Vosk recogniser", e);
        }
        this.format = format;
        this.listener = listener;
        this.json = json;
    }

    @Override
    public void accept(short[] samples, int frames) {
        framesFed += frames;
        if (recognizer.acceptWaveForm(samples, frames)) {
            reportFinal(recognizer.getResult());
        } else {
            String partial = field(recognizer.getPartialResult(), "partial");
            if (!partial.isEmpty() && !partial.equals(lastPartial)) {
                lastPartial = partial;
                listener.onPartial(partial);
            }
        }
    }

    @Override
    public void flush() {
        reportFinal(recognizer.getFinalResult());
    }

    @Override
    public long audioMs() {
        return format.durationUs(framesFed) / 1_000;
    }

    @Override
    public void close() {
        recognizer.close();
    }

    private void reportFinal(String result) {
        lastPartial = "";
        String text = field(result, "text");
        if (!text.isEmpty()) {
            listener.onFinal(text, audioMs());
        }
    }

    private String field(String result, String name) {
        try {
            return json.readTree(result).path(name).asText("").strip();
        } catch (IOException e) {
            return "";
        }
    }
}
