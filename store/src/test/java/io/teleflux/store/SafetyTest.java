package io.teleflux.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.teleflux.codecs.lcm.TwistStamped;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

class SafetyTest {

    static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void aProcessKilledMidWriteLeavesAReadableFile() throws Exception {
        Path file = dir.resolve("crash.db");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                CrashRecorder.class.getName(), file.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        long reported = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("written ")) {
                    reported = Long.parseLong(line.substring(8));
                    if (reported >= 300) {
                        break;
                    }
                }
            }
            child.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no close
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(137);
        assertThat(reported).as("the child committed rows before it was killed").isGreaterThanOrEqualTo(300);

        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("ok");
        }
        try (Store store = Store.openReadOnly(file)) {
            StoreStream<byte[]> numbers = store.stream("numbers", StreamType.bytes());
            long count = numbers.info().count();
            assertThat(count).as("every reported commit survived").isGreaterThanOrEqualTo(reported);
            StepVerifier.create(numbers.read().index().filter(t -> ByteBuffer.wrap(t.getT2().value()).getLong()
                            != t.getT1()).count())
                    .expectNext(0L).expectComplete().verify(TIMEOUT);
        }
        // and a writer can carry on where the dead process stopped
        try (Store store = Store.open(file)) {
            StoreStream<byte[]> numbers = store.stream("numbers", StreamType.bytes());
            long before = numbers.info().count();
            StepVerifier.create(numbers.record(Flux.just(new byte[] {1}))).expectComplete().verify(TIMEOUT);
            StepVerifier.create(numbers.read(Query.latest(1)).map(Stored::seq)).expectNext(before)
                    .expectComplete().verify(TIMEOUT);
        }
    }

    @Test
    void aFullDiskIsATypedErrorAndKeepsWhatWasCommitted() {
        Path file = dir.resolve("full.db");
        try (Store store = Store.open(file, StoreOptions.DEFAULTS.withBatchSize(8).withMaxSize(256 * 1024))) {
            StoreStream<byte[]> s = store.stream("blobs", StreamType.bytes());
            StepVerifier.create(s.record(Flux.range(0, 1000).map(i -> new byte[2048])))
                    .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(StoreFullException.class)
                            .hasMessageContaining("full.db"))
                    .verify(TIMEOUT);
            long count = s.info().count();
            assertThat(count).isPositive().isLessThan(1000);
            StepVerifier.create(s.read().count()).expectNext(count).expectComplete().verify(TIMEOUT);
        }
        try (Store store = Store.open(file)) { // without the limit there is room again
            StepVerifier.create(store.stream("blobs", StreamType.bytes()).record(Flux.just(new byte[2048])))
                    .expectComplete().verify(TIMEOUT);
        }
    }

    @Test
    void aStoreOpenedReadOnlyRefusesWrites() {
        Path file = dir.resolve("ro.db");
        try (Store store = Store.open(file)) {
            StepVerifier.create(store.stream("cmd", StreamType.messages(TwistStamped.TYPE))
                    .record(Flux.just(RoundTripTest.twist(1)))).expectComplete().verify(TIMEOUT);
        }
        try (Store store = Store.openReadOnly(file)) {
            StoreStream<TwistStamped> cmd = store.stream("cmd", StreamType.messages(TwistStamped.TYPE));
            StepVerifier.create(cmd.read().map(Stored::value)).expectNext(RoundTripTest.twist(1))
                    .expectComplete().verify(TIMEOUT);
            StepVerifier.create(cmd.record(Flux.just(RoundTripTest.twist(2))))
                    .expectError(StoreReadOnlyException.class).verify(TIMEOUT);
            assertThatThrownBy(() -> store.stream("other", StreamType.bytes()))
                    .isInstanceOf(NoSuchStreamException.class);
        }
        assertThatThrownBy(() -> Store.openReadOnly(dir.resolve("missing.db"))).isInstanceOf(StoreException.class)
                .hasMessageContaining("missing.db");
    }

    @Test
    void aFileThatCannotBeWrittenIsATypedError() throws Exception {
        Path sub = Files.createDirectory(dir.resolve("locked"));
        Path file = sub.resolve("locked.db");
        try (Store store = Store.open(file)) {
            store.stream("b", StreamType.bytes());
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r--r--"));
        Files.setPosixFilePermissions(sub, PosixFilePermissions.fromString("r-xr-xr-x"));
        boolean immutable = root && chattr("+i", file) && chattr("+i", sub);
        try {
            assumeThat(!root || immutable).as("root needs chattr +i to make a file unwritable").isTrue();
            Throwable error = null;
            try (Store store = Store.open(file)) {
                error = store.stream("b", StreamType.bytes()).record(Flux.just(new byte[] {1}))
                        .materialize().block(TIMEOUT).getThrowable();
            } catch (StoreException e) {
                error = e;
            }
            assertThat(error).isInstanceOf(StoreReadOnlyException.class).hasMessageContaining("locked.db");
        } finally {
            if (immutable) {
                chattr("-i", sub);
                chattr("-i", file);
            }
            Files.setPosixFilePermissions(sub, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    private static boolean chattr(String flag, Path p) throws IOException, InterruptedException {
        try {
            Process proc = new ProcessBuilder("chattr", flag, p.toString()).redirectErrorStream(true).start();
            proc.getInputStream().readAllBytes();
            return proc.waitFor(10, TimeUnit.SECONDS) && proc.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void readersSeeACommittedPrefixWhileARecordingRuns() {
        Path file = dir.resolve("live.db");
        int batch = 16;
        int n = 480;
        try (Store writer = Store.open(file, StoreOptions.DEFAULTS.withBatchSize(batch)
                .withMaxBatchDelay(Duration.ofMinutes(1)))) {
            StoreStream<byte[]> s = writer.stream("live", StreamType.bytes());
            try (Store reader = Store.openReadOnly(file)) {
                StoreStream<byte[]> r = reader.stream("live", StreamType.bytes());
                List<Long> seen = new CopyOnWriteArrayList<>();
                Mono<Void> recording = s.record(Flux.range(0, n).delayElements(Duration.ofMillis(1))
                        .map(i -> new byte[] {i.byteValue()}));
                Mono<Void> watching = Flux.interval(Duration.ofMillis(15)).onBackpressureDrop()
                        .concatMap(t -> r.read().index()
                                .filter(x -> x.getT2().value()[0] != (byte) (long) x.getT1())
                                .count()
                                .doOnNext(gaps -> assertThat(gaps).as("rows out of place").isZero())
                                .then(Mono.fromCallable(() -> r.info().count()))
                                .publishOn(Schedulers.boundedElastic()))
                        .doOnNext(seen::add)
                        .takeUntil(c -> c == n)
                        .then();
                StepVerifier.create(Mono.when(recording, watching)).expectComplete().verify(TIMEOUT);
                assertThat(seen).isSorted();
                assertThat(seen).anyMatch(c -> c > 0 && c < n);
                assertThat(seen.get(seen.size() - 1)).isEqualTo((long) n);
            }
        }
    }
}
