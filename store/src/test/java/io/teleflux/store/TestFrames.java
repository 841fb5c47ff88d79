package io.teleflux.store;

import io.teleflux.video.Frame;
import io.teleflux.video.FrameInfo;
import io.teleflux.video.Frames;
import io.teleflux.video.PixelFormat;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Synthetic camera-like frames (gradient, moving rectangle, fixed noise) and PSNR. */
final class TestFrames {

    static final int W = 160;
    static final int H = 120;

    private TestFrames() {
    }

    static Frame frame(int i, Instant ts) {
        byte[] bgr = new byte[W * H * 3];
        long noise = 0x9E3779B97F4A7C15L;
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                noise = noise * 6364136223846793005L + 1442695040888963407L;
                int n = (int) ((noise >>> 60) & 7) - 4;
                boolean box = x >= (i * 3) % (W - 30) && x < (i * 3) % (W - 30) + 30 && y >= 40 && y < 80;
                int p = (y * W + x) * 3;
                bgr[p] = (byte) clamp(box ? 30 : x + n);
                bgr[p + 1] = (byte) clamp(box ? 200 : y * 2 + n);
                bgr[p + 2] = (byte) clamp(box ? 60 : (x + y) / 2 + n);
            }
        }
        return Frame.wrap(new FrameInfo(PixelFormat.BGR24, W, H, ts, i, "cam"), ByteBuffer.wrap(bgr));
    }

    static List<Frame> frames(int n, Instant start, long periodMillis) {
        List<Frame> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(frame(i, start.plusMillis(i * periodMillis)));
        }
        return out;
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }

    /** PSNR over RGB of {@code b} against {@code a}; does not release either. */
    static double psnr(Frame a, Frame b) {
        try (Frame ra = Frames.convert(a, PixelFormat.RGB24); Frame rb = Frames.convert(b, PixelFormat.RGB24)) {
            ByteBuffer x = ra.data();
            ByteBuffer y = rb.data();
            double sum = 0;
            int n = x.remaining();
            for (int k = 0; k < n; k++) {
                int d = (x.get(k) & 0xFF) - (y.get(k) & 0xFF);
                sum += d * d;
            }
            double mse = sum / n;
            return mse == 0 ? 99 : 10 * Math.log10(255.0 * 255.0 / mse);
        }
    }
}
