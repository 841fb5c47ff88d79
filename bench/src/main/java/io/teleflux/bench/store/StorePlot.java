package io.teleflux.bench.store;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Two panels: rate-distortion (SQLite file size against PSNR: the H.264 CRF sweep, the anchor's ABR store and the
 * JPEG store) and the sorted seek latencies. Own drawing: the harness's plot is throughput against message size.
 */
final class StorePlot {

    private static final int W = 560;
    private static final int H = 420;
    private static final int LEFT = 70;
    private static final int TOP = 40;
    private static final int BOTTOM = H - 55;

    private StorePlot() {
    }

    static void write(StoreBenchResults r, Path file) throws IOException {
        System.setProperty("java.awt.headless", "true");
        BufferedImage image = new BufferedImage(2 * W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        rateDistortion(g, r);
        seeks(g, r);
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }

    private static void rateDistortion(Graphics2D g, StoreBenchResults r) {
        List<StoreBenchResults.StoreRun> crf = r.stores.stream().filter(s -> s.name().startsWith("h264 crf")).toList();
        double maxKb = r.stores.stream().mapToDouble(s -> s.fileBytes() / 1024.0).max().orElse(1) * 1.1;
        double minDb = Math.floor(r.stores.stream().mapToDouble(StoreBenchResults.StoreRun::psnr).min().orElse(20)) - 1;
        double maxDb = Math.ceil(r.stores.stream().mapToDouble(StoreBenchResults.StoreRun::psnr).max().orElse(40)) + 1;
        axes(g, 0, "SQLite file size vs PSNR (150 frames 320x240)", "file KiB", 0, maxKb, "PSNR dB", minDb, maxDb);
        g.setColor(new Color(0x1f77b4));
        g.setStroke(new BasicStroke(2f));
        int[] prev = null;
        for (StoreBenchResults.StoreRun s : crf) {
            int[] p = point(0, s.fileBytes() / 1024.0, 0, maxKb, s.psnr(), minDb, maxDb);
            g.fillOval(p[0] - 3, p[1] - 3, 7, 7);
            if (prev != null) {
                g.drawLine(prev[0], prev[1], p[0], p[1]);
            }
            prev = p;
        }
        for (StoreBenchResults.StoreRun s : r.stores) {
            if (s.name().startsWith("h264 crf")) {
                continue;
            }
            boolean jpeg = s.name().startsWith("jpeg");
            g.setColor(jpeg ? new Color(0xd62728) : new Color(0x2ca02c));
            int[] p = point(0, s.fileBytes() / 1024.0, 0, maxKb, s.psnr(), minDb, maxDb);
            g.fillRect(p[0] - 5, p[1] - 5, 11, 11);
            g.setColor(Color.BLACK);
            g.drawString(s.name(), p[0] - 60, p[1] - 9);
        }
        g.setColor(new Color(0x1f77b4));
        g.drawString("h264 veryfast CRF sweep, GOP 30", LEFT + 10, TOP + 15);
    }

    private static void seeks(Graphics2D g, StoreBenchResults r) {
        List<Double> sorted = new ArrayList<>(r.seekMillis);
        sorted.sort(null);
        double max = sorted.isEmpty() ? 1 : Math.max(1, sorted.get(sorted.size() - 1) * 1.1);
        axes(g, W, "random seek latency (sorted)", "percentile", 0, 100, "ms", 0, max);
        g.setColor(new Color(0x9467bd));
        g.setStroke(new BasicStroke(2f));
        int[] prev = null;
        for (int i = 0; i < sorted.size(); i++) {
            int[] p = point(W, 100.0 * (i + 1) / sorted.size(), 0, 100, sorted.get(i), 0, max);
            if (prev != null) {
                g.drawLine(prev[0], prev[1], p[0], p[1]);
            }
            prev = p;
        }
        g.setColor(Color.BLACK);
        g.drawString(String.format(Locale.ROOT, "p50 %.2f ms, p99 %.2f ms",
                StoreBenchResults.percentile(r.seekMillis, 50), StoreBenchResults.percentile(r.seekMillis, 99)),
                W + LEFT + 10, TOP + 15);
    }

    private static void axes(Graphics2D g, int x0, String title, String xLabel, double xMin, double xMax,
                             String yLabel, double yMin, double yMax) {
        int right = x0 + W - 20;
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(title, x0 + LEFT, 25);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.drawLine(x0 + LEFT, BOTTOM, right, BOTTOM);
        g.drawLine(x0 + LEFT, TOP, x0 + LEFT, BOTTOM);
        for (int i = 0; i <= 5; i++) {
            double xv = xMin + (xMax - xMin) * i / 5;
            double yv = yMin + (yMax - yMin) * i / 5;
            int x = x0 + LEFT + (right - x0 - LEFT) * i / 5;
            int y = BOTTOM - (BOTTOM - TOP) * i / 5;
            g.setColor(new Color(0xe0e0e0));
            g.drawLine(x0 + LEFT + 1, y, right, y);
            g.setColor(Color.BLACK);
            g.drawString(String.format(Locale.ROOT, "%.0f", xv), x - 10, BOTTOM + 15);
            g.drawString(String.format(Locale.ROOT, yMax - yMin < 10 ? "%.1f" : "%.0f", yv), x0 + 25, y + 4);
        }
        g.drawString(xLabel, (x0 + LEFT + right) / 2 - 20, BOTTOM + 35);
        g.drawString(yLabel, x0 + 5, TOP - 8);
    }

    private static int[] point(int x0, double x, double xMin, double xMax, double y, double yMin, double yMax) {
        int right = x0 + W - 20;
        int px = (int) (x0 + LEFT + (x - xMin) / (xMax - xMin) * (right - x0 - LEFT));
        int py = (int) (BOTTOM - (y - yMin) / (yMax - yMin) * (BOTTOM - TOP));
        return new int[] {px, py};
    }
}
