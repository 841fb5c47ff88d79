package io.teleflux.codecs.video;

import io.teleflux.video.Frame;
import io.teleflux.video.FrameInfo;
import io.teleflux.video.PixelFormat;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Synthetic test content and picture comparison. */
final class TestFrames {

    private TestFrames() {
    }

    /** A moving gradient with a moving square and fixed noise, as I420; frame {@code n} of a sequence. */
    static Frame synthetic(int width, int height, int n) {
        byte[] p = new byte[PixelFormat.I420.bufferSize(width, height)];
        Random noise = new Random(42);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int v = (x + y + 3 * n) % 200 + 20 + noise.nextInt(9) - 4;
                boolean square = Math.abs(x - (n * 5) % width) < 24 && Math.abs(y - height / 2) < 24;
                p[y * width + x] = (byte) (square ? 230 : v);
            }
        }
        int cw = (width + 1) / 2;
        int ch = (height + 1) / 2;
        for (int y = 0; y < ch; y++) {
            for (int x = 0; x < cw; x++) {
                p[width * height + y * cw + x] = (byte) (100 + (x + n) % 50);
                p[width * height + cw * ch + y * cw + x] = (byte) (140 - (y + n) % 40);
            }
        }
        return Frame.wrap(FrameInfo.of(PixelFormat.I420, width, height).withId(n), ByteBuffer.wrap(p));
    }

    static List<Frame> sequence(int width, int height, int count) {
        List<Frame> frames = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            frames.add(synthetic(width, height, i));
        }
        return frames;
    }

    /** PSNR of the luma planes of two same-sized I420 frames, in dB (99 if identical). */
    static double lumaPsnr(Frame a, Frame b) {
        ByteBuffer x = a.data();
        ByteBuffer y = b.data();
        int n = a.width() * a.height();
        double sum = 0;
        for (int i = 0; i < n; i++) {
            int d = (x.get(i) & 0xFF) - (y.get(i) & 0xFF);
            sum += d * d;
        }
        if (sum == 0) {
            return 99;
        }
        return 10 * Math.log10(255.0 * 255.0 / (sum / n));
    }
}
