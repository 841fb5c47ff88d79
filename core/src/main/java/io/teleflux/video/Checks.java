package io.teleflux.video;

/** Argument checks shared by the video types; every message carries the rejected value. */
final class Checks {

    private Checks() {
    }

    static void dimensions(int width, int height) {
        if (width < 1 || width > FrameInfo.MAX_DIMENSION || height < 1 || height > FrameInfo.MAX_DIMENSION) {
            throw new IllegalArgumentException("width and height must be in [1, " + FrameInfo.MAX_DIMENSION
                    + "], was " + width + "x" + height);
        }
    }

    static long nonNegative(String name, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be >= 0, was " + value);
        }
        return value;
    }
}
