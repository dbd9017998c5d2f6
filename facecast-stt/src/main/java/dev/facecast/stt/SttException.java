package dev.facecast.stt;

import dev.facecast.provider.ErrorKind;
import dev.facecast.provider.ProviderException;

/** Recognition failed: the recogniser could not start, timed out, or broke on the audio. */
public class SttException extends ProviderException {

    public SttException(ErrorKind kind, String message, Throwable cause) {
        super(kind, message, cause);
    }
}
