package io.teleflux.bench.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The store benchmark's figures: stores compared by size and quality, and the speed metrics against their goals. */
final class StoreBenchResults {

    /** One store of the 150 frames. */
    record StoreRun(String name, String settings, long payloadBytes, long fileBytes, double psnr,
                    double encodeMsPerFrame, int keyframes) {
    }

    /** One metric with its goal. */
    record Metric(String name, double value, String unit, String goal, boolean pass) {
    }

    final List<StoreRun> stores = new ArrayList<>();
    final List<Metric> metrics = new ArrayList<>();
    final List<Double> seekMillis = new ArrayList<>();
    final List<Double> replayErrorMillis = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    String environment = "";

    void writeCsv(Path file) throws IOException {
        StringBuilder sb = new StringBuilder("kind,name,settings,payload_bytes,file_bytes,psnr_db,encode_ms_per_frame,"
                + "keyframes,value,unit,goal,pass\n");
        for (StoreRun s : stores) {
            sb.append(String.format(Locale.ROOT, "store,%s,\"%s\",%d,%d,%.3f,%.3f,%d,,,,%n", s.name(), s.settings(),
                    s.payloadBytes(), s.fileBytes(), s.psnr(), s.encodeMsPerFrame(), s.keyframes()));
        }
        for (Metric m : metrics) {
            sb.append(String.format(Locale.ROOT, "metric,%s,,,,,,,%.4f,%s,\"%s\",%s%n", m.name(), m.value(), m.unit(),
                    m.goal(), m.pass()));
        }
        for (int i = 0; i < seekMillis.size(); i++) {
            sb.append(String.format(Locale.ROOT, "seek_ms,%d,,,,,,,%.4f,ms,,%n", i, seekMillis.get(i)));
        }
        for (int i = 0; i < replayErrorMillis.size(); i++) {
            sb.append(String.format(Locale.ROOT, "replay_error_ms,%d,,,,,,,%.4f,ms,,%n", i, replayErrorMillis.get(i)));
        }
        Files.writeString(file, sb);
    }

    void writeMarkdown(Path file, StoreRun jpeg) throws IOException {
        StringBuilder sb = new StringBuilder("# teleflux store benchmark\n\n").append(environment).append("\n\n");
        sb.append("## Stores of the same 150 frames\n\n");
        sb.append("| store | settings | payload B | SQLite file B | file vs JPEG | PSNR dB | encode ms/frame"
                + " | IDRs |\n");
        sb.append("|---|---|---:|---:|---:|---:|---:|---:|\n");
        for (StoreRun s : stores) {
            sb.append(String.format(Locale.ROOT, "| %s | %s | %,d | %,d | %.1f %% | %.2f | %.2f | %d |%n", s.name(),
                    s.settings(), s.payloadBytes(), s.fileBytes(), 100.0 * s.fileBytes() / jpeg.fileBytes(), s.psnr(),
                    s.encodeMsPerFrame(), s.keyframes()));
        }
        sb.append("\n## Figures against the goals\n\n| metric | value | goal | met |\n|---|---:|---|---|\n");
        for (Metric m : metrics) {
            sb.append(String.format(Locale.ROOT, "| %s | %s %s | %s | %s |%n", m.name(), format(m.value()), m.unit(),
                    m.goal(), m.pass() ? "yes" : "**no**"));
        }
        sb.append("\n![rate-distortion and seek latency](store.png)\n\n");
        for (String n : notes) {
            sb.append("- ").append(n).append('\n');
        }
        Files.writeString(file, sb);
    }

    static String format(double v) {
        return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.2f", v);
    }

    static double percentile(List<Double> values, double p) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }
}
