package dev.facecast.tts.inworld;

import dev.facecast.media.audio.AudioFormat;
import dev.facecast.media.audio.PcmChunk;
import dev.facecast.media.speech.PhoneTiming;
import dev.facecast.provider.Call;
import dev.facecast.tts.SpeechSink;

import java.util.List;

/**
 * Hands one synthesis's Inworld audio chunks to its sink: the chunk's phones first, then its
 * samples. Phone times count from the start of the synthesis: a synthesis made of several
 * requests ({@link #nextRequest}) shifts each request's times by the audio before it.
 * One synthesis, one thread.
 */
final class ChunkDelivery {

    private final AudioFormat format;
    private final SpeechSink sink;
    private final Call call;
    private Linear16Decoder decoder = new Linear16Decoder();
    private long framesDelivered;
    private long requestOffsetMs;

    ChunkDelivery(AudioFormat format, SpeechSink sink, Call call) {
        this.format = format;
        this.sink = sink;
        this.call = call;
    }

    void deliver(InworldEvent.Audio audio) {
        call.connected(); // audio means the vendor is working, whatever it said before
        if (!audio.phones().isEmpty()) {
            List<PhoneTiming> phones = requestOffsetMs == 0 ? audio.phones()
                    : audio.phones().stream().map(phone -> phone.shiftedBy(requestOffsetMs)).toList();
            sink.onPhones(phones);
        }
        short[] samples = decoder.decode(audio.bytes());
        if (samples.length > 0) {
            framesDelivered += samples.length;
            sink.onAudio(new PcmChunk(format, samples, samples.length));
        } else {
            call.progress();
        }
    }

    /** The next request of the same synthesis: its times start where the audio so far ends, its bytes anew. */
    void nextRequest() {
        requestOffsetMs = framesDelivered * 1_000 / format.sampleRateHz();
        decoder = new Linear16Decoder();
    }
}
