package io.teleflux.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness measures, and writes its table, CSV and plot (on loopback, with tiny durations). */
class BenchHarnessTest {

    @Test
    void harnessWritesTableCsvAndPlotForLoopback(@TempDir Path out) throws Exception {
        BenchOptions options = BenchOptions.parse(new String[] {"--providers", "loopback", "--sizes", "64,4096",
            "--warmup", "0.1", "--duration", "0.2", "--settle", "0.2", "--runs", "1", "--rtt-rounds", "100",
            "--out", out.toString()});
        BenchResults results = BenchMain.run(options, System.err);
        results.write(out, "test run");

        assertThat(results.throughput).hasSize(4).allSatisfy(t -> {
            assertThat(t.msgsPerSecond()).isPositive();
            assertThat(t.deliveredRatio()).isEqualTo(1.0); // loopback never loses
        });
        assertThat(results.latency).hasSize(2).allSatisfy(l -> {
            assertThat(l.lost()).isZero();
            assertThat(l.rttP50()).isPositive().isLessThanOrEqualTo(l.rttP99());
        });
        assertThat(Files.readString(out.resolve("results.md"))).contains("| loopback | reliable | 4 KiB |");
        assertThat(Files.readAllLines(out.resolve("results.csv"))).hasSize(5);
        BufferedImage plot = ImageIO.read(out.resolve("throughput.png").toFile());
        assertThat(plot.getWidth()).isGreaterThan(800);
    }

    @Test
    void badOptionsAreRejectedWithTheValue() {
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--sizes", "0"})).hasMessageContaining("was 0");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--kinds", "sideways"}))
                .hasMessageContaining("sideways");
        assertThatThrownBy(() -> BenchMain.run(BenchOptions.parse(new String[] {"--providers", "carrier-pigeon"}),
                System.err)).hasMessageContaining("carrier-pigeon");
    }
}
