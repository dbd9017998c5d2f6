package dev.facecast.webrtc;

import dev.facecast.media.audio.AudioFormat;

import java.time.Duration;

/**
 * How publishers send.
 *
 * @param audioFormat       what the publisher takes from the session (libwebrtc resamples to
 *                          Opus's 48 kHz natively as part of encoding)
 * @param maxVideoBitrateBps cap on the VP8 encoder's bitrate
 * @param iceGatheringTimeout how long an answer may wait for ICE gathering to complete
 */
public record PublisherSettings(AudioFormat audioFormat, int maxVideoBitrateBps, Duration iceGatheringTimeout) {

    public static final PublisherSettings DEFAULT =
            new PublisherSettings(AudioFormat.mono(48_000), 1_000_000, Duration.ofSeconds(5));

    public PublisherSettings {
        if (maxVideoBitrateBps < 50_000 || maxVideoBitrateBps > 20_000_000) {
            throw new IllegalArgumentException("video bitrate cap must be 50 kbps..20 Mbps, not " + maxVideoBitrateBps);
        }
    }

    /** The same, taking {@code format}: each session publishes at its own avatar's output rate. */
    public PublisherSettings withAudioFormat(AudioFormat format) {
        return new PublisherSettings(format, maxVideoBitrateBps, iceGatheringTimeout);
    }
}
