package dev.facecast.fakevendors.inworld;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.facecast.fakevendors.FakeVoice;
import dev.facecast.media.audio.Pcm16;
import dev.facecast.media.speech.IpaPhones;
import dev.facecast.media.speech.PhoneTiming;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.List;

/**
 * An utterance cut into Inworld {@code audioChunk} bodies: {@code audioContent} (base64 16-bit
 * little-endian PCM; with LINEAR16 the first chunk starts with a WAV header, as Inworld's does)
 * and, with WORD timestamps, {@code timestampInfo.wordAlignment} with {@code phoneticDetails}
 * (docs.inworld.ai "Timestamps": {@code wordIndex}, {@code phones[]{phoneSymbol, startTimeSeconds,
 * durationSeconds, visemeSymbol}}). Each chunk carries the phones that start within it; the
 * fake's "words" are the runs of phones between pauses, named by the text's words in order.
 */
final class InworldChunks {

    private static final int WAV_HEADER_BYTES = 44;

    private final FakeVoice.Utterance utterance;
    private final int framesPerChunk;
    private final boolean wavHeader;
    private final boolean wordTimestamps;
    private final String[] words;
    private final int[] wordOfPhone;

    InworldChunks(FakeVoice.Utterance utterance, int chunkMs, boolean wavHeader, boolean wordTimestamps, String text) {
        this.utterance = utterance;
        this.framesPerChunk = Math.max(1, utterance.format().framesIn(chunkMs));
        this.wavHeader = wavHeader;
        this.wordTimestamps = wordTimestamps;
        this.words = text.strip().split("\\s+");
        this.wordOfPhone = groupIntoWords(utterance.phones());
    }

    int count() {
        return (utterance.samples().length + framesPerChunk - 1) / framesPerChunk;
    }

    ObjectNode chunk(int index, ObjectNode body) {
        int from = index * framesPerChunk;
        int to = Math.min(utterance.samples().length, from + framesPerChunk);
        body.put("audioContent", Base64.getEncoder().encodeToString(bytes(index == 0 && wavHeader, from, to)));
        if (wordTimestamps) {
            body.putObject("timestampInfo").set("wordAlignment", alignment(msOf(from), msOf(to), body.objectNode()));
        }
        return body;
    }

    private byte[] bytes(boolean header, int from, int to) {
        int pcmBytes = (to - from) * 2;
        byte[] out = new byte[(header ? WAV_HEADER_BYTES : 0) + pcmBytes];
        if (header) {
            writeWavHeader(out, utterance.format().sampleRateHz());
        }
        short[] part = java.util.Arrays.copyOfRange(utterance.samples(), from, to);
        Pcm16.toLittleEndian(part, part.length, out, header ? WAV_HEADER_BYTES : 0);
        return out;
    }

    /** The canonical 44-byte header; the sizes are unknown while streaming, so they say "as long as it goes". */
    private static void writeWavHeader(byte[] out, int sampleRateHz) {
        ByteBuffer header = ByteBuffer.wrap(out, 0, WAV_HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        header.put("RIFF".getBytes()).putInt(-1).put("WAVE".getBytes());
        header.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(sampleRateHz)
                .putInt(sampleRateHz * 2).putShort((short) 2).putShort((short) 16);
        header.put("data".getBytes()).putInt(-1);
    }

    private ObjectNode alignment(long fromMs, long toMs, ObjectNode alignment) {
        ArrayNode wordNames = alignment.putArray("words");
        ArrayNode wordStarts = alignment.putArray("wordStartTimeSeconds");
        ArrayNode wordEnds = alignment.putArray("wordEndTimeSeconds");
        ArrayNode details = alignment.putArray("phoneticDetails");
        List<PhoneTiming> phones = utterance.phones();
        ObjectNode current = null;
        int currentWord = -1;
        long startMs = 0;
        for (int i = 0; i < phones.size(); i++) {
            PhoneTiming phone = phones.get(i);
            long phoneStartMs = startMs;
            startMs = phone.endMs();
            if (phoneStartMs < fromMs || phoneStartMs >= toMs || wordOfPhone[i] < 0) {
                continue;
            }
            if (wordOfPhone[i] != currentWord) {
                currentWord = wordOfPhone[i];
                wordNames.add(currentWord < words.length ? words[currentWord] : "");
                wordStarts.add(phoneStartMs / 1000.0);
                wordEnds.add(phone.endMs() / 1000.0);
                current = details.addObject();
                current.put("wordIndex", wordNames.size() - 1);
                current.putArray("phones");
                current.put("isPartial", false);
            }
            wordEnds.set(wordEnds.size() - 1, phone.endMs() / 1000.0);
            ((ArrayNode) current.get("phones")).addObject()
                    .put("phoneSymbol", IpaPhones.fromArpabet(phone.phone()))
                    .put("startTimeSeconds", phoneStartMs / 1000.0)
                    .put("durationSeconds", (phone.endMs() - phoneStartMs) / 1000.0)
                    .put("visemeSymbol", phone.phone());
        }
        return alignment;
    }

    /** Word index of each phone: runs between pauses are words; pauses belong to none (-1). */
    private static int[] groupIntoWords(List<PhoneTiming> phones) {
        int[] word = new int[phones.size()];
        int next = 0;
        boolean inWord = false;
        for (int i = 0; i < phones.size(); i++) {
            if (IpaPhones.fromArpabet(phones.get(i).phone()).isEmpty()) {
                word[i] = -1;
                if (inWord) {
                    next++;
                }
                inWord = false;
            } else {
                word[i] = next;
                inWord = true;
            }
        }
        return word;
    }

    private long msOf(int frames) {
        return frames * 1000L / utterance.format().sampleRateHz();
    }
}
