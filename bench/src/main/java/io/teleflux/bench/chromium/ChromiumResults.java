package io.teleflux.bench.chromium;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The chromium rows in the harness's formats: the same Markdown tables and the same CSV columns as the harness's
 * {@code results.md} / {@code results.csv}, so the harness's {@code --replot DIR} draws them
 * and the rows can be merged with a harness run's.
 */
final class ChromiumResults {

    final List<ChromiumBench.Throughput> throughput = new ArrayList<>();
    final List<ChromiumBench.Latency> latency = new ArrayList<>();

    String markdown(String header) {
        StringBuilder s = new StringBuilder(header).append("\n\n");
        s.append("| provider | channel | size | msgs/s | MB/s | delivered |\n|---|---|---:|---:|---:|---:|\n");
        for (ChromiumBench.Throughput t : throughput) {
            s.append(String.format(Locale.ROOT, "| %s | %s | %s | %,.0f | %.1f | %.1f %% |%n", t.provider(), t.kind(),
                    size(t.size()), t.msgsPerSecond(), t.megabytesPerSecond(), t.deliveredRatio() * 100));
        }
        s.append("\n| provider | channel | RTT p50 | RTT p90 | RTT p99 | lost pings | setup |\n")
                .append("|---|---|---:|---:|---:|---:|---:|\n");
        for (ChromiumBench.Latency l : latency) {
            s.append(String.format(Locale.ROOT, "| %s | %s | %.0f µs | %.0f µs | %.0f µs | %d | %.1f ms |%n",
                    l.provider(), l.kind(), l.rttP50(), l.rttP90(), l.rttP99(), l.lost(), l.setupMillis()));
        }
        return s.toString();
    }

    String csv() {
        StringBuilder s = new StringBuilder(
                "provider,kind,size,msgs_per_s,mb_per_s,delivered_ratio,rtt_p50_us,rtt_p90_us,rtt_p99_us,lost_pings,"
                        + "setup_ms\n");
        for (ChromiumBench.Throughput t : throughput) {
            ChromiumBench.Latency l = latency.stream()
                    .filter(x -> x.provider().equals(t.provider()) && x.kind().equals(t.kind())).findFirst()
                    .orElse(null);
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
    }

    static String size(int bytes) {
        return bytes >= 1024 ? bytes / 1024 + " KiB" : bytes + " B";
    }
}
