package io.teleflux.samples.go2;

import io.teleflux.broker.BrokerSessions;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The one-command demo ({@code ./teleflux demo}): the embedded broker with its operator page, and the simulated Go2
 * connected to it through the broker provider. Prints the page's URL and a fresh operator token, then runs until
 * Ctrl-C (or {@code --duration SECONDS}) and stops cleanly: robot session deleted, broker stopped, JVM exits.
 * {@code --help} lists the options.
 */
public final class DemoMain {

    /**
     * Set (to any value) by the launcher when it runs the demo inside a private network namespace, where a browser
     * outside the namespace cannot reach the page.
     */
    static final String PRIVATE_NETWORK_ENV = "TELEFLUX_PRIVATE_NETWORK";
    private static final Duration STATUS_PERIOD = Duration.ofSeconds(5);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private DemoMain() {
    }

    public static void main(String[] argv) {
        DemoArgs args;
        try {
            args = DemoArgs.parse(argv);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(DemoArgs.USAGE);
            System.exit(2);
            return;
        }
        if (args.help()) {
            System.out.println(DemoArgs.USAGE);
            return;
        }
        Demo demo;
        try {
            demo = Demo.start(args.host(), args.port(), args.options());
        } catch (RuntimeException e) {
            System.err.println("error: the demo could not start: " + describe(e));
            if (args.port() != 0) {
                System.err.println("(is port " + args.port() + " in use? try --port 0 or another port)");
            }
            System.exit(1);
            return;
        }
        run(demo, args, System.getenv(PRIVATE_NETWORK_ENV) != null, System.out);
    }

    /** Prints how to connect, runs until Ctrl-C or the duration, stops, prints a summary. */
    static void run(Demo demo, DemoArgs args, boolean privateNetwork, PrintStream out) {
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            demo.close();
            awaitQuietly(finished);
        }, "teleflux-demo-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);

        banner(demo, args, privateNetwork, out);
        Disposable.Composite status = Disposables.composite(
                BrokerSessions.operatorPresence(demo.session()).skip(1).subscribe(present ->
                        out.println(present ? "[demo] an operator joined: drive with W/A/S/D, Space = E-stop"
                                : "[demo] the operator left")),
                Flux.interval(STATUS_PERIOD).map(tick -> pose(demo.robot())).distinctUntilChanged()
                        .subscribe(out::println));

        Mono<Void> end = demo.session().onClose();
        if (args.duration().isPresent()) {
            end = end.or(Mono.delay(args.duration().get()).then());
        }
        end.block();
        status.dispose();
        demo.close();
        out.println(pose(demo.robot()) + "; " + demo.robot().stats());
        out.println("[demo] stopped");
        finished.countDown();
    }

    private static void banner(Demo demo, DemoArgs args, boolean privateNetwork, PrintStream out) {
        out.println();
        out.println("  teleflux demo: a simulated Unitree Go2 behind the embedded broker"
                + (args.options().camera() ? " (camera on)" : " (no camera)"));
        out.println();
        out.println("  Operator page:   " + demo.operatorUrl());
        out.println("  Operator token:  " + demo.token());
        out.println("  Robot API key:   " + demo.key().apiKey() + "  (" + demo.key().robotId() + ")");
        out.println();
        out.println("  Open the page, log in with the token and press Join next to the robot.");
        out.println("  Drive with W/A/S/D or the arrow keys (Q/E strafe); Space is the E-stop.");
        if (privateNetwork) {
            out.println();
            out.println("  Note: this demo runs inside a private network namespace (WebRTC on this machine needs one),");
            out.println("  so a browser outside it cannot open the page. On your own machine run");
            out.println("  ./teleflux demo --host-network to open it in your browser.");
        }
        out.println();
        out.println(args.duration().map(d -> "  Stops after " + d.toSeconds() + " s or on Ctrl-C.")
                .orElse("  Ctrl-C stops the demo."));
        out.println();
        out.flush();
    }

    private static String pose(Go2Robot robot) {
        Pose p = robot.pose();
        return String.format(Locale.ROOT, "[robot] x=%.2f y=%.2f yaw=%.1f°%s", p.x(), p.y(), Math.toDegrees(p.yaw()),
                robot.estopped() ? " E-STOPPED" : "");
    }

    private static String describe(Throwable e) {
        StringBuilder b = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            b.append(": ").append(c.getMessage());
        }
        return b.toString();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
