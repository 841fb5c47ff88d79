package io.teleflux.bench.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The medians the harness measured, and their Markdown and CSV forms. */
final class BenchResults {

    /** Throughput at one size: medians over the runs. */
    record Throughput(String provider, String kind, int size, double msgsPerSecond, double megabytesPerSecond,
                      double deliveredRatio) {
    }

    /** Latency and setup for one provider and kind: medians over the runs. */
    record Latency(String provider, String kind, double rttP50, double rttP90, double rttP99, int lost,
                   double setupMillis) {
    }

    final List<Throughput> throughput = new ArrayList<>();
    final List<Latency> latency = new ArrayList<>();

    String markdown(String header) {
        StringBuilder s = new StringBuilder(header).append("\n\n");
        s.append("| provider | channel | size | msgs/s | MB/s | delivered |\n|---|---|---:|---:|---:|---:|\n");
        for (Throughput t : throughput) {
            s.append(String.format(Locale.ROOT, "| %s | %s | %s | %,.0f | %.1f | %.1f %% |%n", t.provider(),
                    t.kind(), size(t.size()), t.msgsPerSecond(), t.megabytesPerSecond(), t.deliveredRatio() * 100));
        }
        s.append("\n| provider | channel | RTT p50 | RTT p90 | RTT p99 | lost pings | setup |\n")
                .append("|---|---|---:|---:|---:|---:|---:|\n");
        for (Latency l : latency) {
            s.append(String.format(Locale.ROOT, "| %s | %s | %.0f µs | %.0f µs | %.0f µs | %d | %.1f ms |%n",
                    l.provider(), l.kind(), l.rttP50(), l.rttP90(), l.rttP99(), l.lost(), l.setupMillis()));
        }
        return s.toString();
    }

    String csv() {
        StringBuilder s = new StringBuilder(
                "provider,kind,size,msgs_per_s,mb_per_s,delivered_ratio,rtt_p50_us,rtt_p90_us,rtt_p99_us,lost_pings,"
                        + "setup_ms\n");
        for (Throughput t : throughput) {
            Latency l = latency.stream().filter(x -> x.provider().equals(t.provider()) && x.kind().equals(t.kind()))
                    .findFirst().orElse(null);
            s.append(String.format(Locale.ROOT, "%s,%s,%d,%.1f,%.3f,%.5f,%s%n", t.provider(), t.kind(), t.size(),
                    t.msgsPerSecond(), t.megabytesPerSecond(), t.deliveredRatio(), l == null ? ",,,," : String.format(
                            Locale.ROOT, "%.1f,%.1f,%.1f,%d,%.2f", l.rttP50(), l.rttP90(), l.rttP99(), l.lost(),
                            l.setupMillis())));
        }
        return s.toString();
    }

    void write(Path dir, String header) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("results.md"), markdown(header));
        Files.writeString(dir.resolve("results.csv"), csv());
        ThroughputPlot.write(this, dir.resolve("throughput.png"));
    }

    /** Reads back what {@link #csv()} wrote, to redraw a plot without measuring again. */
    static BenchResults readCsv(Path file) throws IOException {
        BenchResults r = new BenchResults();
        List<String> lines = Files.readAllLines(file);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            if (f.length < 11) {
                throw new IOException(file + ": expected 11 columns, got " + f.length + " in '" + line + "'");
            }
            r.throughput.add(new Throughput(f[0], f[1], Integer.parseInt(f[2]), Double.parseDouble(f[3]),
                    Double.parseDouble(f[4]), Double.parseDouble(f[5])));
            boolean known = r.latency.stream().anyMatch(l -> l.provider().equals(f[0]) && l.kind().equals(f[1]));
            if (!known && !f[6].isEmpty()) {
                r.latency.add(new Latency(f[0], f[1], Double.parseDouble(f[6]), Double.parseDouble(f[7]),
                        Double.parseDouble(f[8]), Integer.parseInt(f[9]), Double.parseDouble(f[10])));
            }
        }
        return r;
    }

    static String size(int bytes) {
        return bytes >= 1024 ? bytes / 1024 + " KiB" : bytes + " B";
    }

    static double median(double[] values) {
        double[] v = values.clone();
        java.util.Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
