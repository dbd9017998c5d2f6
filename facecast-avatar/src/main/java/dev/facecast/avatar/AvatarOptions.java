package dev.facecast.avatar;

import dev.facecast.media.audio.AudioFormat;

/**
 * What a session asks of its face.
 *
 * @param sessionId        for logs and thread names
 * @param width            picture width, pixels, even
 * @param height           picture height, pixels, even
 * @param speechFormat     the format speech is pushed in; the stream's audio is in it too when it plays the speech itself
 * @param seed             makes idle motion differ between sessions and repeat in tests
 * @param onBufferFullWait told each time pushing speech waited for room (back-pressure, counted by the caller)
 */
public record AvatarOptions(String sessionId, int width, int height, AudioFormat speechFormat, long seed,
                            Runnable onBufferFullWait) {
}
