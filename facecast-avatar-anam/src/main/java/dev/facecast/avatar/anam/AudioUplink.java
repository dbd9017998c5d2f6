package dev.facecast.avatar.anam;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.facecast.media.audio.AudioFormat;
import dev.facecast.media.audio.PcmChunk;
import dev.facecast.media.audio.Resampler;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The session's speech on its way to Anam: {@code agentaudioinput} messages of base64
 * {@code pcm_s16le}, 24 kHz mono, numbered from 0 in each sequence ({@code sequenceNumber}, as
 * Anam's SDKs' {@code AgentAudioInputStream} numbers them), {@code agentaudioinputend} after each
 * reply. Anam drops audio that comes before {@code sessionready}, so until then messages wait here.
 * A session at another rate goes through one streaming resampler (none at 24 kHz).
 *
 * <p>Threading: {@link #send} and {@link #end} on the speech thread, {@link #interrupt} from any
 * thread, {@link #ready} from the signalling reader; all under this object's lock, which is held
 * only while a message is encoded and queued (sending never blocks).
 */
final class AudioUplink {

    /** Anam's passthrough format (the issue; Anam's SDK examples use pcm_s16le at 24 kHz, mono). */
    static final AudioFormat FORMAT = AudioFormat.mono(24_000);

    private final AnamSignalling signalling;
    private final Resampler resampler;
    private final List<ObjectNode> waiting = new ArrayList<>();
    /** Anam's SDK examples send 100-200 ms per message. */
    static final int MAX_MESSAGE_MS = 100;

    private final byte[] scratch = new byte[FORMAT.framesIn(MAX_MESSAGE_MS) * 2];
    private boolean ready;
    private long sequence;
    private long sent;

    AudioUplink(AnamSignalling signalling, AudioFormat speechFormat) {
        this.signalling = signalling;
        this.resampler = Resampler.between(speechFormat.channels() == 1 ? speechFormat : AudioFormat.mono(speechFormat.sampleRateHz()), FORMAT);
    }

    /** True when the session's speech must be resampled on its way (it is not 24 kHz mono). */
    boolean resamples() {
        return !resampler.isPassThrough();
    }

    synchronized void send(PcmChunk speech) {
        sendConverted(resampler.process(speech.format().channels() == 1 ? speech : speech.toMono()));
    }

    /** In pieces of at most {@value #MAX_MESSAGE_MS} ms: a WebSocket server takes text messages of bounded size (Jetty: 64 KiB). */
    private void sendConverted(PcmChunk converted) {
        int piece = FORMAT.framesIn(MAX_MESSAGE_MS);
        for (int from = 0; from < converted.frames(); from += piece) {
            sendPiece(converted.samples(), from, Math.min(converted.frames(), from + piece));
        }
    }

    private void sendPiece(short[] samples, int from, int to) {
        ObjectNode payload = signalling.newPayload();
        payload.put("audioData", base64(samples, from, to));
        payload.put("encoding", "pcm_s16le");
        payload.put("sampleRate", FORMAT.sampleRateHz());
        payload.put("channels", 1);
        payload.put("sequenceNumber", sequence++);
        queue("agentaudioinput", payload);
    }

    /** The reply's end: the filter's tail, then {@code agentaudioinputend}; the next reply numbers from 0. */
    synchronized void end() {
        sendConverted(resampler.drain());
        queue("agentaudioinputend", signalling.newPayload());
        sequence = 0;
    }

    /** Barge-in: what waits is dropped, the sequence ends now, the filter forgets the reply. */
    synchronized void interrupt() {
        waiting.clear();
        resampler.reset();
        if (ready && sequence > 0) {
            signalling.send("agentaudioinputend", signalling.newPayload());
        }
        sequence = 0;
    }

    /** {@code sessionready}: what waited goes out, in order, and later audio goes at once. */
    synchronized void ready() {
        ready = true;
        for (ObjectNode message : waiting) {
            signalling.send(message.get("action").asText(), (ObjectNode) message.get("payload"));
            sent++;
        }
        waiting.clear();
    }

    synchronized long messagesSent() {
        return sent;
    }

    private void queue(String action, ObjectNode payload) {
        if (ready) {
            signalling.send(action, payload);
            sent++;
        } else {
            ObjectNode held = signalling.newPayload();
            held.put("action", action);
            held.set("payload", payload);
            waiting.add(held);
        }
    }

    private String base64(short[] samples, int from, int to) {
        int count = to - from;
        for (int i = 0; i < count; i++) {
            scratch[2 * i] = (byte) samples[from + i];
            scratch[2 * i + 1] = (byte) (samples[from + i] >> 8);
        }
        return Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(scratch, count * 2));
    }
}
