package dev.facecast.engine;

import dev.facecast.codec.OpusEncoder;
import dev.facecast.codec.OpusSettings;
import dev.facecast.engine.dtls.SrtpKeys;
import dev.facecast.engine.ice.StunResponder;
import dev.facecast.engine.srtp.PacketBuffer;
import dev.facecast.engine.srtp.SrtpSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;

/**
 * What the first session would otherwise pay for, done once at start on a background thread:
 * jitsi-srtp picks its AES implementation by timing each (seconds on a cold JVM), ice4j loads its
 * configuration on the first STUN message, and libopus loads. Measured before this: a cold
 * process's first session took about 1.6 s from WHEP POST to first frame, later ones 60-100 ms.
 */
final class EngineWarmUp {

    private static final Logger log = LoggerFactory.getLogger(EngineWarmUp.class);

    private EngineWarmUp() {
    }

    static void run(StunResponder stun) {
        long beganNs = System.nanoTime();
        try {
            SecureRandom random = new SecureRandom();
            byte[] key = new byte[SrtpKeys.KEY_BYTES];
            byte[] salt = new byte[SrtpKeys.SALT_BYTES];
            random.nextBytes(key);
            random.nextBytes(salt);
            try (SrtpSession srtp = new SrtpSession(new SrtpKeys(key, key, salt, salt))) {
                PacketBuffer packet = new PacketBuffer();
                byte[] rtp = new byte[200];
                rtp[0] = (byte) 0x80;
                rtp[1] = 96;
                packet.set(rtp, 0, rtp.length);
                srtp.protectRtp(packet);
            }
            stun.warmUp();
            if (OpusEncoder.isAvailable()) {
                try (OpusEncoder opus = new OpusEncoder(OpusSettings.voice(16_000, 32_000))) {
                    opus.lookaheadSamples();
                }
            }
            log.debug("server engine warmed up in {} ms", (System.nanoTime() - beganNs) / 1_000_000);
        } catch (RuntimeException e) {
            // Only speed is at stake: the first session will load whatever failed here, and say why.
            log.debug("server engine warm-up: {}", e.getMessage());
        }
    }
}
