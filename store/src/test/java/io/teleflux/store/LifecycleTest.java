package io.teleflux.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

class LifecycleTest {

    static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void theJvmExitsOnceTheStoreIsClosed() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                ExitCheck.class.getName(), dir.resolve("exit.db").toString())
                .redirectErrorStream(true)
                .start();
        try {
            String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("the child JVM exits by itself").isTrue();
            assertThat(child.exitValue()).as(output).isZero();
            assertThat(output).contains("done");
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void closingTheStoreEndsARunningRecordingWithAnError() {
        Store store = Store.open(dir.resolve("s.db"));
        StoreStream<byte[]> s = store.stream("b", StreamType.bytes());
        Sinks.Many<byte[]> sink = Sinks.many().unicast().onBackpressureBuffer();
        StepVerifier.create(s.record(sink.asFlux()))
                .then(() -> sink.tryEmitNext(new byte[] {1}).orThrow())
                .then(store::close)
                .then(() -> sink.tryEmitNext(new byte[] {2}).orThrow())
                .expectError()
                .verify(TIMEOUT);
        StepVerifier.create(Mono.fromCallable(() -> store.stream("b", StreamType.bytes())))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(StoreException.class)
                        .hasMessageContaining("closed"))
                .verify(TIMEOUT);
    }
}
