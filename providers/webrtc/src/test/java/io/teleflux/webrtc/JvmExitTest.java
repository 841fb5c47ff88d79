package io.teleflux.webrtc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JVM that used WebRTC (data and video) exits on its own once its sessions are closed: the factory's native threads are attached as
 * non-daemon threads, so this fails if the last release does not dispose the factory.
 */
@ExtendWith(NetworkNamespace.class)
class JvmExitTest {

    @Test
    void jvmThatConnectedAndClosedExitsByItself(@TempDir Path dir) throws IOException, InterruptedException {
        Path output = dir.resolve("probe.out");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process probe = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ExitProbe.class.getName())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        boolean exited = probe.waitFor(30, TimeUnit.SECONDS);
        if (!exited) {
            probe.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        String log = Files.readString(output);
        assertThat(exited).as("child JVM exited within 30 s; output:%n%s", log).isTrue();
        assertThat(probe.exitValue()).as("exit code; output:%n%s", log).isZero();
        assertThat(log).contains("exit-probe: exchanged 42").contains("exit-probe: video 64x48");
    }
}
