package io.teleflux.webrtc;

import static io.teleflux.webrtc.TestLinks.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.teleflux.Channels;
import io.teleflux.Session;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import reactor.util.function.Tuple2;

/**
 * NAT traversal through TURN: Debian's coturn, started by the test on the namespace's 10.77.0.1 with a static user,
 * and both peers restricted to relay candidates. Skipped if {@code turnserver} is not installed.
 */
@ExtendWith(NetworkNamespace.class)
class TurnRelayTest {

    private static final String HOST = "10.77.0.1";
    private static final String USER = "teleflux";
    private static final String PASSWORD = "relay-only-secret";

    private Process turn;
    private Tuple2<Session, Session> pair;

    @AfterEach
    void stop() throws InterruptedException {
        if (pair != null) {
            TestLinks.close(pair);
        }
        if (turn != null) {
            turn.destroy();
            if (!turn.waitFor(5, TimeUnit.SECONDS)) {
                turn.destroyForcibly();
            }
        }
    }

    @Test
    void dataFlowsThroughTurnWhenBothPeersAreRelayOnly(@TempDir Path dir) throws IOException {
        Optional<Path> turnserver = onPath("turnserver");
        assumeTrue(turnserver.isPresent(), "coturn's turnserver is not installed");
        assumeTrue(hasAddress(HOST), "no interface has " + HOST + " (not in the test namespace)");
        int port = freePort();
        Path log = dir.resolve("turnserver.log");
        turn = new ProcessBuilder(turnserver.get().toString(), "-n", "--no-tls", "--no-dtls", "--no-cli",
                "--listening-ip=" + HOST, "--relay-ip=" + HOST, "--listening-port=" + port,
                "--min-port=50000", "--max-port=50999", "--allow-loopback-peers",
                "--lt-cred-mech", "--user=" + USER + ":" + PASSWORD, "--realm=teleflux.test",
                "--log-file=stdout", "--simple-log")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        TestLinks.await("turnserver listening on " + HOST + ":" + port, () -> accepts(port), TIMEOUT);

        IceServer server = IceServer.turn("turn:" + HOST + ":" + port + "?transport=udp", USER, PASSWORD);
        InProcessSignaling s = TestLinks.signaling("turn");
        pair = TestLinks.connect(WebRtcConfig.of(s.robot()).withIceServers(server).withRelayOnly(true),
                WebRtcConfig.of(s.operator()).withIceServers(server).withRelayOnly(true),
                List.of(Channels.STATE_RELIABLE));
        Session robot = pair.getT1();
        Session operator = pair.getT2();
        StepVerifier.create(robot.receive(Channels.STATE_RELIABLE).map(TestLinks::index).take(100).collectList())
                .then(() -> operator.send(Channels.STATE_RELIABLE,
                        Flux.range(0, 100).map(i -> TestLinks.payload(i, 512))).subscribe())
                .assertNext(list -> assertThat(list).containsExactlyElementsOf(
                        IntStream.range(0, 100).boxed().toList()))
                .expectComplete()
                .verify(TIMEOUT);
        for (Session session : List.of(robot, operator)) {
            StepVerifier.create(WebRtcSessions.stats(session, Duration.ofMillis(50))
                            .filter(st -> st.selectedCandidatePair().isPresent())
                            .take(1))
                    .assertNext(st -> {
                        WebRtcStats.CandidatePair p = st.selectedCandidatePair().get();
                        assertThat(p.localType()).as("local candidate of %s", session.role()).isEqualTo("relay");
                        assertThat(p.remoteType()).as("remote candidate of %s", session.role()).isEqualTo("relay");
                        assertThat(p.localAddress()).startsWith(HOST + ":");
                    })
                    .expectComplete()
                    .verify(TIMEOUT);
        }
    }

    private static Optional<Path> onPath(String program) {
        return Stream.of(System.getenv().getOrDefault("PATH", "/usr/bin:/usr/sbin").split(File.pathSeparator))
                .map(d -> Path.of(d, program))
                .filter(Files::isExecutable)
                .findFirst();
    }

    private static boolean hasAddress(String host) {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(host, 0));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(HOST, 0));
            return s.getLocalPort();
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
