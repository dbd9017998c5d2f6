package dev.facecast.avatar;

import dev.facecast.media.video.I420Frame;

import java.awt.image.BufferedImage;

/**
 * An immutable I420 picture made once from an RGB drawing (BT.601 limited range, as VP8
 * receivers assume). Cheap to copy into frames, whole or as a patch.
 */
final class I420Image {

    final int width;
    final int height;
    final byte[] y;
    final byte[] u;
    final byte[] v;

    private I420Image(int width, int height, byte[] y, byte[] u, byte[] v) {
        this.width = width;
        this.height = height;
        this.y = y;
        this.u = u;
        this.v = v;
    }

    /** Converts the part of {@code image} at {@code (x, y)} of size {@code width x height}; all even. */
    static I420Image fromRgb(BufferedImage image, int x0, int y0, int width, int height) {
        byte[] luma = new byte[width * height];
        byte[] cb = new byte[width * height / 4];
        byte[] cr = new byte[width * height / 4];
        int[] rgb = image.getRGB(x0, y0, width, height, null, 0, width);
        for (int row = 0; row < height; row++) {
            for (int col = 0; col < width; col++) {
                int p = rgb[row * width + col];
                int r = (p >> 16) & 0xff, g = (p >> 8) & 0xff, b = p & 0xff;
                luma[row * width + col] = (byte) ((66 * r + 129 * g + 25 * b + 128 >> 8) + 16);
            }
        }
        for (int row = 0; row < height; row += 2) {
            for (int col = 0; col < width; col += 2) {
                int r = 0, g = 0, b = 0;
                for (int k = 0; k < 4; k++) {
                    int p = rgb[(row + k / 2) * width + col + k % 2];
                    r += (p >> 16) & 0xff;
                    g += (p >> 8) & 0xff;
                    b += p & 0xff;
                }
                r /= 4;
                g /= 4;
                b /= 4;
                int c = (row / 2) * (width / 2) + col / 2;
                cb[c] = (byte) ((-38 * r - 74 * g + 112 * b + 128 >> 8) + 128);
                cr[c] = (byte) ((112 * r - 94 * g - 18 * b + 128 >> 8) + 128);
            }
        }
        return new I420Image(width, height, luma, cb, cr);
    }

    /** Copies the whole image into a frame of the same size. */
    void copyInto(I420Frame frame) {
        byte[] data = frame.data();
        System.arraycopy(y, 0, data, 0, y.length);
        System.arraycopy(u, 0, data, frame.offsetU(), u.length);
        System.arraycopy(v, 0, data, frame.offsetV(), v.length);
    }

    /** Copies this image into {@code frame} with its top-left corner at {@code (x, y)}, both even. */
    void blit(I420Frame frame, int x, int yTop) {
        byte[] data = frame.data();
        int frameWidth = frame.width();
        for (int row = 0; row < height; row++) {
            System.arraycopy(y, row * width, data, (yTop + row) * frameWidth + x, width);
        }
        int chromaWidth = width / 2;
        int frameChromaWidth = frameWidth / 2;
        int chromaX = x / 2;
        int chromaY = yTop / 2;
        for (int row = 0; row < height / 2; row++) {
            int target = (chromaY + row) * frameChromaWidth + chromaX;
            System.arraycopy(u, row * chromaWidth, data, frame.offsetU() + target, chromaWidth);
            System.arraycopy(v, row * chromaWidth, data, frame.offsetV() + target, chromaWidth);
        }
    }
}
