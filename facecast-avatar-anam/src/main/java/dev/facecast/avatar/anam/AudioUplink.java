package dev.facecast.avatar.anam;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.facecast.media.audio.AudioFormat;
import dev.facecast.media.audio.PcmChunk;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The session's speech on its way to Anam: {@code agentaudioinput} messages of base64
 * {@code pcm_s16le}, 24 kHz mono, numbered from 0 in each sequence ({@code sequenceNumber}, as
 * Anam's SDKs' {@code AgentAudioInputStream} numbers them), {@code agentaudioinputend} after each
 * reply. Anam drops audio that comes before {@code sessionready}, so until then messages wait here.
 * The speech comes in this format already: it is the hosted face's input format, which the
 * session asks its voice for, so nothing is resampled on the way.
 *
 * <p>Threading: {@link #send} and {@link #end} on the speech thread, {@link #interrupt} from any
 * thread, {@link #ready} from the signalling reader; all under this object's lock, which is held
 * only while a message is encoded and queued (sending never blocks).
 */
final class AudioUplink {

    /** Anam's passthrough format (the issue; Anam's SDK examples use pcm_s16le at 24 kHz, mono). */
    static final AudioFormat FORMAT = AudioFormat.mono(24_000);

    private final AnamSignalling signalling;
    private final List<ObjectNode> waiting = new ArrayList<>();
    /** Anam's SDK examples send 100-200 ms per message. */
    static final int MAX_MESSAGE_MS = 100;

    private final byte[] scratch = new byte[FORMAT.framesIn(MAX_MESSAGE_MS) * 2];
    private boolean ready;
    private long sequence;
    private long sent;

    AudioUplink(AnamSignalling signalling) {
        this.signalling = signalling;
    }

    /** Speech in {@link #FORMAT}, in pieces of at most {@value #MAX_MESSAGE_MS} ms: a WebSocket server takes text messages of bounded size (Jetty: 64 KiB). */
    synchronized void send(PcmChunk speech) {
        int piece = FORMAT.framesIn(MAX_MESSAGE_MS);
        for (int from = 0; from < speech.frames(); from += piece) {
            sendPiece(speech.samples(), from, Math.min(speech.frames(), from + piece));
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

    /** The reply's end: {@code agentaudioinputend}; the next reply numbers from 0. */
    synchronized void end() {
        queue("agentaudioinputend", signalling.newPayload());
        sequence = 0;
    }

    /** Barge-in: what waits is dropped, the sequence ends now. */
    synchronized void interrupt() {
        waiting.clear();
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
