package dev.facecast.avatar;

import dev.facecast.provider.ErrorKind;
import dev.facecast.provider.ProviderException;

/** A face could not be opened: the avatar is closed, timed out, refused or broke. */
public class AvatarException extends ProviderException {

    public AvatarException(ErrorKind kind, String message, Throwable cause) {
        super(kind, message, cause);
    }
}
