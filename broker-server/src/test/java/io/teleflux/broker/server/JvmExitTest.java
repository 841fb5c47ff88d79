package io.teleflux.broker.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.teleflux.webrtc.NetworkNamespace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JVM that ran a broker with relayed sessions exits on its own after {@code disposeNow()}: every native resource
 * (peer connections, the factory lease, channel sender threads) and every non-daemon thread was released.
 */
@ExtendWith(NetworkNamespace.class)
class JvmExitTest {

    @Test
    void aJvmThatRanTheBrokerExitsByItselfAfterStopping(@TempDir Path dir) throws IOException, InterruptedException {
        Path output = dir.resolve("probe.out");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process probe = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                BrokerExitProbe.class.getName())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        boolean exited = probe.waitFor(60, TimeUnit.SECONDS);
        if (!exited) {
            probe.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        String log = Files.readString(output);
        assertThat(exited).as("child JVM exited within 60 s; output:%n%s", log).isTrue();
        assertThat(probe.exitValue()).as("exit code; output:%n%s", log).isZero();
        assertThat(log).contains("exit-probe: bridge 200 ok").contains("live peer connections 0");
    }
}
