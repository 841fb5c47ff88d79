package io.teleflux.samples.go2;

import static org.assertj.core.api.Assertions.assertThat;

import io.teleflux.webrtc.NetworkNamespace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code DemoMain --duration} in a child JVM: it prints the page URL and the token, runs, stops by itself and the JVM
 * exits with status 0 (no thread, peer connection or server left behind). Runs only in a private network namespace.
 */
@ExtendWith(NetworkNamespace.class)
class DemoMainExitTest {

    @Test
    void aTimedDemoPrintsHowToConnectAndExitsByItself(@TempDir Path dir) throws IOException, InterruptedException {
        Path out = dir.resolve("out.txt");
        Process demo = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), DemoMain.class.getName(), "--port", "0",
                "--duration", "3"))
                .redirectErrorStream(true)
                .redirectOutput(out.toFile())
                .start();
        boolean exited = demo.waitFor(60, TimeUnit.SECONDS);
        if (!exited) {
            demo.destroyForcibly();
        }
        String printed = Files.readString(out, StandardCharsets.UTF_8);
        assertThat(exited).as("the demo's JVM exited by itself; it printed:%n%s", printed).isTrue();
        assertThat(demo.exitValue()).as(printed).isZero();
        assertThat(printed).containsPattern("Operator page: +http://127\\.0\\.0\\.1:\\d+/")
                .containsPattern("Operator token: +dev-[0-9a-f]{32}")
                .contains("Robot API key:   dtk_dev_")
                .contains("[demo] stopped");
    }
}
