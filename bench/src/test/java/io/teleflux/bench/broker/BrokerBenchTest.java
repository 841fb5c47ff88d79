package io.teleflux.bench.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.teleflux.webrtc.NetworkNamespace;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker figures run end to end at toy sizes (a broker JVM, real peer connections): every part produces samples,
 * nothing is lost on reliable channels, and the table, CSV and plot are written. Figures themselves are not asserted.
 */
@ExtendWith(NetworkNamespace.class)
class BrokerBenchTest {

    @Test
    void measuresJoinRelayAndLoadAndWritesTheReport(@TempDir Path out) throws Exception {
        BrokerBenchMain.Options o = BrokerBenchMain.Options.parse(new String[] {"--joins", "2", "--commands", "40",
            "--rounds", "1", "--sessions", "2", "--duration", "2", "--out", out.toString()});

        BrokerBenchReport report = BrokerBenchMain.run(o, System.err);

        assertThat(report.join.firstCommand().count()).isEqualTo(2);
        assertThat(report.join.firstCommand().percentileMillis(50))
                .isGreaterThanOrEqualTo(report.join.operatorConnected().percentileMillis(50));
        assertThat(report.relay.direct().count()).isPositive();
        assertThat(report.relay.relay().count()).isPositive();
        SessionLoad.Counts c = report.load.counts();
        assertThat(c.telemetrySent.get()).isPositive();
        assertThat(c.pingsSent.get()).isPositive();
        assertThat(c.commandsReceived.get()).isPositive();
        assertThat(c.reliableLost()).isZero();
        assertThat(c.telemetryOutOfOrder.get()).isZero();
        assertThat(report.load.end().peerConnections()).isEqualTo(4); // 2 robots + 2 operators at the relay
        assertThat(report.load.brokerCpuPercent()).isPositive();
        assertThat(Files.readString(out.resolve("broker.md")))
                .contains("## Operator join to first command", "## Relay overhead", "## 2 concurrent robot sessions");
        assertThat(Files.readAllLines(out.resolve("broker.csv"))).anyMatch(l -> l.startsWith("load,reliable_lost,0"));
        BufferedImage plot = ImageIO.read(out.resolve("command-latency.png").toFile());
        assertThat(plot.getWidth()).isGreaterThan(800);
    }

    @Test
    void badOptionsAreRejectedWithTheValue() {
        assertThatThrownBy(() -> BrokerBenchMain.Options.parse(new String[] {"--only", "teleport"}))
                .hasMessageContaining("teleport");
        assertThatThrownBy(() -> BrokerBenchMain.Options.parse(new String[] {"--sessions", "0"}))
                .hasMessageContaining("was 0");
        assertThatThrownBy(() -> BrokerBenchMain.Options.parse(new String[] {"--joins"}))
                .hasMessageContaining("needs a value");
    }
}
