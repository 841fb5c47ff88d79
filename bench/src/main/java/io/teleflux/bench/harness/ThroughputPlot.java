package io.teleflux.bench.harness;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;

/**
 * Draws throughput against message size, MB/s and msgs/s, both on logarithmic axes (loopback passes arrays without
 * copying, so it sits orders of magnitude above network providers); one line per provider and kind.
 */
final class ThroughputPlot {

    private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
        new Color(0xff7f0e), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f)};
    private static final int PANEL_W = 560;
    private static final int PANEL_H = 420;
    private static final int MARGIN = 70;

    private ThroughputPlot() {
    }

    static void write(BenchResults results, Path file) throws IOException {
        System.setProperty("java.awt.headless", "true");
        BufferedImage image = new BufferedImage(PANEL_W * 2, PANEL_H + 40, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        Map<String, List<BenchResults.Throughput>> series = new LinkedHashMap<>();
        for (BenchResults.Throughput t : results.throughput) {
            series.computeIfAbsent(t.provider() + " " + t.kind(), k -> new ArrayList<>()).add(t);
        }
        panel(g, 0, "MB/s delivered (log)", series, BenchResults.Throughput::megabytesPerSecond, true);
        panel(g, PANEL_W, "messages/s delivered (log)", series, BenchResults.Throughput::msgsPerSecond, true);
        legend(g, series);
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }

    private static void panel(Graphics2D g, int x0, String title, Map<String, List<BenchResults.Throughput>> series,
                              ToDoubleFunction<BenchResults.Throughput> metric, boolean log) {
        List<Integer> sizes = series.values().stream().flatMap(List::stream).map(BenchResults.Throughput::size)
                .distinct().sorted().toList();
        double max = series.values().stream().flatMap(List::stream).mapToDouble(metric).max().orElse(1);
        double min = series.values().stream().flatMap(List::stream).mapToDouble(metric).filter(v -> v > 0).min()
                .orElse(1);
        double lo = log ? Math.floor(Math.log10(Math.max(min, 1e-3))) : 0;
        double hi = log ? Math.ceil(Math.log10(Math.max(max, 10))) : niceCeiling(max);
        int left = x0 + MARGIN;
        int right = x0 + PANEL_W - 20;
        int top = 40;
        int bottom = PANEL_H - 50;
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(title, left, 25);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.drawLine(left, bottom, right, bottom);
        g.drawLine(left, top, left, bottom);
        int ticks = log ? (int) (hi - lo) : 5;
        for (int i = 0; i <= ticks; i++) {
            int y = bottom - (bottom - top) * i / Math.max(1, ticks);
            double v = log ? Math.pow(10, lo + i) : hi * i / ticks;
            g.setColor(new Color(0xe0e0e0));
            g.drawLine(left + 1, y, right, y);
            g.setColor(Color.BLACK);
            g.drawString(log ? logLabel((int) (lo + i)) : String.format(Locale.ROOT, "%.0f", v), x0 + 8, y + 4);
        }
        for (int i = 0; i < sizes.size(); i++) {
            int x = xAt(i, sizes.size(), left, right);
            g.drawString(BenchResults.size(sizes.get(i)), x - 18, bottom + 18);
        }
        g.drawString("message size", (left + right) / 2 - 35, bottom + 38);
        int c = 0;
        for (List<BenchResults.Throughput> points : series.values()) {
            g.setColor(COLORS[c++ % COLORS.length]);
            g.setStroke(new BasicStroke(2f));
            int px = -1;
            int py = -1;
            for (BenchResults.Throughput t : points) {
                double v = metric.applyAsDouble(t);
                double frac = log ? (Math.log10(Math.max(v, Math.pow(10, lo))) - lo) / (hi - lo) : v / hi;
                int x = xAt(sizes.indexOf(t.size()), sizes.size(), left, right);
                int y = (int) (bottom - frac * (bottom - top));
                g.fillOval(x - 3, y - 3, 7, 7);
                if (px >= 0) {
                    g.drawLine(px, py, x, y);
                }
                px = x;
                py = y;
            }
        }
        g.setStroke(new BasicStroke(1f));
    }

    private static void legend(Graphics2D g, Map<String, List<BenchResults.Throughput>> series) {
        int x = MARGIN;
        int y = PANEL_H + 20;
        int c = 0;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (String name : series.keySet()) {
            g.setColor(COLORS[c++ % COLORS.length]);
            g.fillRect(x, y - 9, 14, 10);
            g.setColor(Color.BLACK);
            g.drawString(name, x + 18, y);
            x += 30 + g.getFontMetrics().stringWidth(name);
        }
    }

    private static String logLabel(int exponent) {
        return exponent >= 0 && exponent <= 6 ? String.format(Locale.ROOT, "%,d", (long) Math.pow(10, exponent))
                : "1e" + exponent;
    }

    private static int xAt(int i, int n, int left, int right) {
        return n <= 1 ? (left + right) / 2 : left + 20 + (right - left - 40) * i / (n - 1);
    }

    private static double niceCeiling(double v) {
        double p = Math.pow(10, Math.floor(Math.log10(Math.max(v, 1e-9))));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * p >= v) {
                return m * p;
            }
        }
        return 10 * p;
    }
}
