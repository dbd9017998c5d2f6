package dev.facecast.session;

/**
 * A session's picture size and frame rate, checked against what the runtime supports.
 *
 * @param width  pixels, even, {@value #MIN_WIDTH}..{@value #MAX_WIDTH}
 * @param height pixels, even, {@value #MIN_HEIGHT}..{@value #MAX_HEIGHT}
 * @param fps    frames per second, {@value #MIN_FPS}..{@value #MAX_FPS}
 */
public record VideoSettings(int width, int height, int fps) {

    public static final int MIN_WIDTH = 160;
    public static final int MAX_WIDTH = 1920;
    public static final int MIN_HEIGHT = 120;
    public static final int MAX_HEIGHT = 1080;
    public static final int MIN_FPS = 1;
    public static final int MAX_FPS = 60;
    public static final VideoSettings DEFAULT = new VideoSettings(720, 480, 15);

    public VideoSettings {
        checkFps(fps);
        if (width < MIN_WIDTH || width > MAX_WIDTH || width % 2 != 0) {
            throw new IllegalArgumentException("width must be even and " + MIN_WIDTH + ".." + MAX_WIDTH + ", not " + width);
        }
        if (height < MIN_HEIGHT || height > MAX_HEIGHT || height % 2 != 0) {
            throw new IllegalArgumentException("height must be even and " + MIN_HEIGHT + ".." + MAX_HEIGHT + ", not " + height);
        }
    }

    public static int checkFps(int fps) {
        if (fps < MIN_FPS || fps > MAX_FPS) {
            throw new IllegalArgumentException("fps must be " + MIN_FPS + ".." + MAX_FPS + ", not " + fps);
        }
        return fps;
    }

    public VideoSettings withFps(int newFps) {
        return new VideoSettings(width, height, newFps);
    }
}
