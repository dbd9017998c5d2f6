package dev.facecast.media.sdp;

/** The remote description was malformed or asked for something we cannot do. */
public final class SdpException extends RuntimeException {

    public SdpException(String message) {
        super(message);
    }
}
