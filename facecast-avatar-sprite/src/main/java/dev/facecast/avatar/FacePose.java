package dev.facecast.avatar;

/**
 * What one frame of the avatar shows.
 *
 * @param viseme   the mouth shape
 * @param eyes     the eye lids
 * @param bobIndex the head's vertical offset, an index into the sprite sheet's offsets
 */
public record FacePose(Viseme viseme, EyeState eyes, int bobIndex) {
}
