package io.teleflux.bench.video;

import io.teleflux.codecs.video.H264Encoder;
import io.teleflux.video.EncodedFrame;
import io.teleflux.video.Frame;
import io.teleflux.video.FrameInfo;
import io.teleflux.video.PixelFormat;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Benchmark content like the reference measurement's (reference/h264-javacv-measurements.md §4): a moving gradient,
 * moving rectangles and fixed ±8 noise, plus ±6 of sensor grain that changes every frame (which brings x264's output
 * to the reference's size, about 11.6 kB per 640x480 frame at CRF 23), as I420.
 */
final class SyntheticVideo {

    private SyntheticVideo() {
    }

    static List<Frame> frames(int width, int height, int count) {
        byte[] noise = new byte[width * height];
        Random random = new Random(1);
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (byte) (random.nextInt(17) - 8);
        }
        List<Frame> frames = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            byte[] p = new byte[PixelFormat.I420.bufferSize(width, height)];
            Random grain = new Random(100 + n);
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    int v = (x + 2 * y + 4 * n) % 200 + 28 + noise[y * width + x] + grain.nextInt(13) - 6;
                    boolean box = Math.abs(x - (7 * n) % width) < width / 10 && Math.abs(y - height / 3) < height / 8
                            || Math.abs(x - width / 2) < width / 12 && Math.abs(y - (5 * n) % height) < height / 10;
                    p[y * width + x] = (byte) (box ? 235 - (x & 15) : v);
                }
            }
            int cw = width / 2;
            int ch = height / 2;
            for (int y = 0; y < ch; y++) {
                for (int x = 0; x < cw; x++) {
                    p[width * height + y * cw + x] = (byte) (96 + (x + 2 * n) % 64);
                    p[width * height + cw * ch + y * cw + x] = (byte) (160 - (y + n) % 64);
                }
            }
            frames.add(Frame.wrap(FrameInfo.of(PixelFormat.I420, width, height), ByteBuffer.wrap(p)));
        }
        return frames;
    }

    static List<EncodedFrame> encoded(int width, int height, int count) {
        List<Frame> frames = frames(width, height, count);
        List<EncodedFrame> out = new ArrayList<>();
        try (H264Encoder encoder = H264Encoder.open()) {
            for (Frame f : frames) {
                out.add(encoder.encode(f));
                f.release();
            }
        }
        return out;
    }
}
