package io.teleflux.bench.harness;

import java.io.PrintStream;
import java.util.Locale;

/** A one-line progress bar on stderr, redrawn in place when stderr is a terminal and printed per step otherwise. */
public final class ProgressBar {
    private final PrintStream out;
    private final int total;
    private final long start = System.nanoTime();
    private final boolean terminal = System.console() != null;
    private int done;

    public ProgressBar(PrintStream out, int total) {
        this.out = out;
        this.total = Math.max(1, total);
    }

    public void step(String what) {
        done++;
        int width = 30;
        int filled = done * width / total;
        double elapsed = (System.nanoTime() - start) / 1e9;
        double eta = elapsed / done * (total - done);
        String line = String.format(Locale.ROOT, "[%s%s] %3d%% %d/%d  eta %3.0fs  %s", "#".repeat(filled),
                "-".repeat(width - filled), done * 100 / total, done, total, eta, what);
        out.print(terminal ? "\r" + line + "\033[K" : line + "\n");
        if (terminal && done == total) {
            out.println();
        }
        out.flush();
    }
}
