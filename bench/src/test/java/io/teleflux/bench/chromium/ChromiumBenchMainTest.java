package io.teleflux.bench.chromium;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The command line, without a browser. */
class ChromiumBenchMainTest {

    @Test
    void defaultsMatchTheHarness() {
        ChromiumBenchMain.Options o = ChromiumBenchMain.parse(new String[0]);
        assertThat(o.help()).isFalse();
        assertThat(o.targets()).containsExactly("chromium", "chromium-java");
        assertThat(o.plan().sizes()).containsExactly(64, 256, 1024, 4096, 16384, 65536, 262144);
        assertThat(o.plan().reliable()).containsExactly(false, true);
        assertThat(o.plan().warmUp()).isEqualTo(Duration.ofSeconds(1));
        assertThat(o.plan().duration()).isEqualTo(Duration.ofSeconds(3));
        assertThat(o.plan().runs()).isEqualTo(3);
        assertThat(o.plan().rttRounds()).isEqualTo(2000);
    }

    @Test
    void parsesOptionsAndRejectsBadOnes() {
        ChromiumBenchMain.Options o = ChromiumBenchMain.parse(new String[] {"--sizes", "64,1024", "--kinds",
                "reliable", "--duration", "0.5", "--runs", "1", "--out", "x"});
        assertThat(o.plan().sizes()).containsExactly(64, 1024);
        assertThat(o.plan().reliable()).containsExactly(true);
        assertThat(o.plan().duration()).isEqualTo(Duration.ofMillis(500));
        assertThat(o.out()).isEqualTo(Path.of("x"));
        assertThat(ChromiumBenchMain.parse(new String[] {"--help"}).help()).isTrue();
        assertThatThrownBy(() -> ChromiumBenchMain.parse(new String[] {"--kinds", "sometimes"}))
                .hasMessageContaining("unreliable or reliable");
        assertThatThrownBy(() -> ChromiumBenchMain.parse(new String[] {"--runs"})).hasMessageContaining("value");
        assertThatThrownBy(() -> ChromiumBenchMain.parse(new String[] {"--bogus"})).hasMessageContaining("--bogus");
        assertThatThrownBy(() -> ChromiumBenchMain.parse(new String[] {"--targets", "chromium,firefox"}))
                .hasMessageContaining("firefox");
    }

    @Test
    void percentilesAreNearestRankInMicroseconds() {
        long[] sorted = new long[100];
        for (int i = 0; i < 100; i++) {
            sorted[i] = (i + 1) * 1000L;
        }
        assertThat(ChromiumBench.percentile(sorted, 50)).isEqualTo(50.0);
        assertThat(ChromiumBench.percentile(sorted, 99)).isEqualTo(99.0);
        assertThat(ChromiumBench.percentile(new long[0], 50)).isNaN();
        assertThat(ChromiumBench.median(new double[] {3, 1, 2})).isEqualTo(2.0);
        assertThat(List.of(ChromiumResults.size(64), ChromiumResults.size(65536))).containsExactly("64 B", "64 KiB");
    }
}
