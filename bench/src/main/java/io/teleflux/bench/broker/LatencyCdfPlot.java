package io.teleflux.bench.broker;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/** Cumulative distributions of command latency, one line per named sample set, on a log time axis. */
final class LatencyCdfPlot {

    private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
        new Color(0xff7f0e)};
    private static final int W = 900;
    private static final int H = 520;
    private static final int LEFT = 80;
    private static final int RIGHT = 30;
    private static final int TOP = 50;
    private static final int BOTTOM = 70;

    private LatencyCdfPlot() {
    }

    static void write(String title, Map<String, Latencies> series, Path file) throws IOException {
        System.setProperty("java.awt.headless", "true");
        BufferedImage image = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, W, H);
        double lo = Double.MAX_VALUE;
        double hi = 0;
        for (Latencies l : series.values()) {
            if (l.count() > 0) {
                lo = Math.min(lo, l.percentileMillis(0));
                hi = Math.max(hi, l.maxMillis());
            }
        }
        double logLo = Math.floor(Math.log10(Math.max(lo, 1e-3)));
        double logHi = Math.ceil(Math.log10(Math.max(hi, lo * 10)));
        int plotW = W - LEFT - RIGHT;
        int plotH = H - TOP - BOTTOM;
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(title, LEFT, 30);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int e = (int) logLo; e <= logHi; e++) {
            int x = LEFT + (int) ((e - logLo) / (logHi - logLo) * plotW);
            g.setColor(new Color(0xdddddd));
            g.drawLine(x, TOP, x, TOP + plotH);
            g.setColor(Color.BLACK);
            String label = e >= 0 ? String.format(Locale.ROOT, "%.0f ms", Math.pow(10, e))
                    : String.format(Locale.ROOT, "%s ms", Math.pow(10, e));
            g.drawString(label, x - 16, TOP + plotH + 18);
        }
        for (int q = 0; q <= 100; q += 25) {
            int y = TOP + plotH - q * plotH / 100;
            g.setColor(new Color(0xdddddd));
            g.drawLine(LEFT, y, LEFT + plotW, y);
            g.setColor(Color.BLACK);
            g.drawString(q + " %", LEFT - 40, y + 4);
        }
        g.drawRect(LEFT, TOP, plotW, plotH);
        g.drawString("one-way latency (log scale); y: share of commands at or below", LEFT, H - 20);
        int i = 0;
        g.setStroke(new BasicStroke(2f));
        for (Map.Entry<String, Latencies> s : series.entrySet()) {
            long[] v = s.getValue().sorted();
            g.setColor(COLORS[i % COLORS.length]);
            int px = -1;
            int py = -1;
            for (int k = 0; k < v.length; k++) {
                double ms = Math.max(v[k] / 1e6, Math.pow(10, logLo));
                int x = LEFT + (int) ((Math.log10(ms) - logLo) / (logHi - logLo) * plotW);
                int y = TOP + plotH - (int) ((k + 1) / (double) v.length * plotH);
                if (px >= 0) {
                    g.drawLine(px, py, x, y);
                }
                px = x;
                py = y;
            }
            g.fillRect(LEFT + 12, TOP + 12 + i * 18, 14, 4);
            g.setColor(Color.BLACK);
            g.drawString(String.format(Locale.ROOT, "%s (n=%,d, p50 %.2f ms)", s.getKey(), v.length,
                    s.getValue().percentileMillis(50)), LEFT + 32, TOP + 18 + i * 18);
            i++;
        }
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }
}
