package io.teleflux.samples.go2;

import io.teleflux.Channels;
import io.teleflux.Session;
import io.teleflux.Teleflux;
import io.teleflux.broker.BrokerConfig;
import io.teleflux.broker.BrokerSessions;
import io.teleflux.loopback.LoopbackConfig;
import io.teleflux.spi.ProviderConfig;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import reactor.core.publisher.Mono;

/**
 * Runs the simulated Go2: {@code --loopback NAME} for a local run with a scripted operator, {@code --broker URL
 * --api-key KEY} for the hosted-teleop broker; {@code --help} lists the options. Ctrl-C closes the session (and with
 * it every pipeline) before the JVM exits.
 */
public final class Go2Main {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private Go2Main() {
    }

    public static void main(String[] argv) {
        Go2Args args;
        ProviderConfig provider;
        Go2Recorder recorder;
        try {
            args = Go2Args.parse(argv);
            if (args.help()) {
                System.out.println(Go2Args.USAGE);
                return;
            }
            provider = provider(args);
            recorder = recorder(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(Go2Args.USAGE);
            System.exit(2);
            return;
        }
        run(provider, Go2Robot.create(options(args), recorder), args.seconds());
    }

    /**
     * The provider the command line names: loopback by default; with {@code --broker URL --api-key KEY} the broker
     * provider (robot type {@code go2}, the robot id derived from the key by the broker).
     */
    static ProviderConfig provider(Go2Args args) {
        if (args.broker().isPresent()) {
            BrokerConfig config = BrokerConfig.of(args.apiKey().orElseThrow())
                    .withBrokerUrl(args.broker().get())
                    .withRobotName(args.robotName())
                    .withRobotType("go2")
                    .withVideo(args.options().camera());
            if (args.stun().isPresent()) {
                config = config.withStunUrl("none".equals(args.stun().get()) ? null : args.stun().get());
            }
            return config;
        }
        return LoopbackConfig.named(args.loopback().orElse("go2"));
    }

    /** The robot's options: the broker provider answers pings itself (inline), so the robot does not. */
    static Go2Options options(Go2Args args) {
        return args.broker().isPresent() ? args.options().withAnswerPings(false) : args.options();
    }

    /** The recorder the command line asks for: none by default. */
    static Go2Recorder recorder(Go2Args args) {
        return args.record().<Go2Recorder>map(StoreRecorder::new).orElse(Go2Recorder.NONE);
    }


    /**
     * Runs {@code robot} on {@code provider} until Ctrl-C or {@code seconds}; on loopback, with a scripted operator in
     * this JVM.
     */
    static void run(ProviderConfig provider, Go2Robot robot, Optional<Duration> seconds) {
        Session session = Teleflux.robot(provider).channels(Channels.STANDARD).connectNow(CONNECT_TIMEOUT);
        // Ctrl-C: closing the session ends every pipeline of the robot (and of the local operator); the hook then
        // waits for the summary below, since the JVM exits when its hooks return.
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            session.disposeNow(CLOSE_TIMEOUT);
            awaitQuietly(finished);
        }, "go2-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        System.out.println("[robot] running on " + provider + "; Ctrl-C to stop");
        BrokerSessions.sessionId(session).ifPresent(id -> System.out.println("[robot] broker session " + id
                + "; operators join it from the broker's operator page"));

        Mono<Void> operator = provider instanceof LoopbackConfig
                ? LocalOperator.drive(provider, session.onClose())
                : Mono.empty();
        Mono<Void> all = Mono.when(robot.run(session), operator);
        if (seconds.isPresent()) {
            all = all.take(seconds.get());
        }
        all.block();
        session.disposeNow(CLOSE_TIMEOUT);
        Pose p = robot.pose();
        System.out.printf(Locale.ROOT, "[robot] stopped at x=%.2f y=%.2f yaw=%.1f°; %s%n", p.x(), p.y(),
                Math.toDegrees(p.yaw()), robot.stats());
        finished.countDown();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
