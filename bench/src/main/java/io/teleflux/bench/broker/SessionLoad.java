package io.teleflux.bench.broker;

import com.sun.management.OperatingSystemMXBean;
import io.teleflux.Channels;
import io.teleflux.Session;
import io.teleflux.Teleflux;
import io.teleflux.bench.harness.ProgressBar;
import io.teleflux.codecs.lcm.TwistStamped;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/**
 * Many concurrent robot sessions on one broker (data only): every robot has an operator driving at 80 Hz on
 * {@code cmd_unreliable} and pinging once a second on {@code state_reliable} (the robot answers each ping inline with a
 * pong), and every robot publishes telemetry at 3 Hz on {@code state_reliable_back}. Counts every message each way
 * (reliable channels must lose none), command latency under load, and the broker JVM's CPU and memory: CPU over the
 * measured window; resident set and heap, each right after a full GC, loaded against idle, per session.
 */
final class SessionLoad {

    private static final Duration TELEMETRY_PERIOD = Duration.ofMillis(333);
    private static final Duration PING_PERIOD = Duration.ofSeconds(1);

    /** What one load run measured. */
    record Result(int sessions, double seconds, Counts counts, Latencies commandLatency,
                  ChildBroker.Memory idle, ChildBroker.Memory loaded, ChildBroker.Sample start,
                  ChildBroker.Sample end, int idleThreads, double loadGeneratorCpuPercent, double connectSeconds) {

        /** Broker CPU over the window, in percent of one core. */
        double brokerCpuPercent() {
            return (end.cpuNanos() - start.cpuNanos()) / 1e9 / seconds * 100;
        }

        double cpuPercentPerSession() {
            return brokerCpuPercent() / sessions;
        }

        double rssMebibytesPerSession() {
            return (loaded.rssBytes() - idle.rssBytes()) / 1048576.0 / sessions;
        }

        double heapMebibytesPerSession() {
            return (loaded.heapBytes() - idle.heapBytes()) / 1048576.0 / sessions;
        }
    }

    /** Messages sent and received per kind, over all sessions. */
    static final class Counts {
        final AtomicLong commandsSent = new AtomicLong();
        final AtomicLong commandsReceived = new AtomicLong();
        final AtomicLong telemetrySent = new AtomicLong();
        final AtomicLong telemetryReceived = new AtomicLong();
        final AtomicLong telemetryOutOfOrder = new AtomicLong();
        final AtomicLong pingsSent = new AtomicLong();
        final AtomicLong pingsReceived = new AtomicLong();
        final AtomicLong pongsReceived = new AtomicLong();

        long reliableLost() {
            return telemetrySent.get() - telemetryReceived.get() + pingsSent.get() - pingsReceived.get()
                    + pingsSent.get() - pongsReceived.get();
        }

        boolean reliableSettled() {
            return telemetryReceived.get() >= telemetrySent.get() && pingsReceived.get() >= pingsSent.get()
                    && pongsReceived.get() >= pingsSent.get();
        }
    }

    private SessionLoad() {
    }

    static Result measure(ChildBroker broker, Duration duration, ProgressBar progress) {
        int n = broker.robots().size();
        int idleThreads = broker.sample().threads();
        ChildBroker.Memory idle = broker.memoryAfterGc();
        List<Session> robots = new ArrayList<>();
        List<Session> operators = new ArrayList<>();
        List<Disposable> traffic = new ArrayList<>();
        Counts counts = new Counts();
        Latencies latency = new Latencies();
        long connectStart = System.nanoTime();
        try {
            for (ChildBroker.Robot key : broker.robots()) {
                Session robot = BrokerPeers.robot(broker, key);
                robots.add(robot);
                operators.add(Teleflux.operator(BrokerPeers.operator(broker, key)).connect()
                        .block(BrokerPeers.TIMEOUT));
                BrokerPeers.awaitOperator(robot, true);
                progress.step("session " + robots.size() + "/" + n + " connected");
            }
            double connectSeconds = (System.nanoTime() - connectStart) / 1e9;
            OperatingSystemMXBean self = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            ChildBroker.Sample start = broker.sample();
            long selfCpuStart = self.getProcessCpuTime();
            for (int i = 0; i < n; i++) {
                traffic.addAll(load(robots.get(i), operators.get(i), duration, counts, latency));
            }
            long windowEnd = System.nanoTime() + duration.toNanos();
            for (long s = 1; System.nanoTime() < windowEnd; s++) {
                Flux.interval(Duration.ofSeconds(1)).blockFirst(); // the load runs; report once a second
                progress.step(String.format(Locale.ROOT, "load %d/%d s: %,d commands, %,d telemetry, %,d pings",
                        s, duration.toSeconds(), counts.commandsReceived.get(), counts.telemetryReceived.get(),
                        counts.pingsReceived.get()));
            }
            ChildBroker.Sample end = broker.sample();
            double selfCpu = (self.getProcessCpuTime() - selfCpuStart) / 1e9
                    / ((end.atNanos() - start.atNanos()) / 1e9) * 100;
            awaitReliable(counts);
            ChildBroker.Memory loaded = broker.memoryAfterGc();
            return new Result(n, (end.atNanos() - start.atNanos()) / 1e9, counts, latency, idle, loaded, start,
                    end, idleThreads, selfCpu, connectSeconds);
        } finally {
            traffic.forEach(Disposable::dispose);
            Flux.fromIterable(operators).concatWith(Flux.fromIterable(robots)).flatMap(Session::disposeLater)
                    .blockLast(BrokerPeers.TIMEOUT);
        }
    }

    /** Waits up to 10 s for the reliable messages still in flight when the window closed. */
    private static void awaitReliable(Counts counts) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!counts.reliableSettled() && System.nanoTime() < deadline) {
            Flux.interval(Duration.ofMillis(100)).blockFirst();
        }
    }

    /** Starts one pair's traffic for {@code duration}: commands, pings, telemetry and their counters. */
    private static List<Disposable> load(Session robot, Session operator, Duration duration, Counts c,
                                         Latencies latency) {
        List<Disposable> d = new ArrayList<>();
        d.add(robot.receive(Channels.CMD_UNRELIABLE, TwistStamped.TYPE).subscribe(cmd -> {
            latency.add(Commands.ageNanos(cmd));
            c.commandsReceived.incrementAndGet();
        }));
        d.add(robot.receive(Channels.STATE_RELIABLE).subscribe(m -> {
            if (text(m).contains("\"ping\"")) {
                c.pingsReceived.incrementAndGet();
            }
        }));
        AtomicLong lastTelemetry = new AtomicLong(-1);
        d.add(operator.receive(Channels.STATE_RELIABLE_BACK).subscribe(m -> {
            String s = text(m);
            if (s.contains("\"pong\"")) {
                c.pongsReceived.incrementAndGet();
            } else if (s.contains("\"robot_telemetry\"")) {
                long seq = Long.parseLong(s.substring(s.indexOf("\"seq\":") + 6, s.indexOf('}')));
                if (seq != lastTelemetry.getAndSet(seq) + 1) {
                    c.telemetryOutOfOrder.incrementAndGet();
                }
                c.telemetryReceived.incrementAndGet();
            }
        }));
        long commands = duration.toNanos() / Commands.PERIOD_80_HZ.toNanos();
        d.add(Commands.drive(operator, Commands.at80Hz(commands).doOnNext(x -> c.commandsSent.incrementAndGet())));
        d.add(operator.send(Channels.STATE_RELIABLE, Flux.interval(Duration.ZERO, PING_PERIOD)
                .take(duration.toNanos() / PING_PERIOD.toNanos())
                .map(i -> bytes("{\"type\":\"ping\",\"client_ts\":" + System.currentTimeMillis() / 1000.0 + "}"))
                .doOnNext(x -> c.pingsSent.incrementAndGet())).subscribe(v -> { }, e -> { }));
        d.add(robot.send(Channels.STATE_RELIABLE_BACK, Flux.interval(Duration.ZERO, TELEMETRY_PERIOD)
                .take(duration.toNanos() / TELEMETRY_PERIOD.toNanos())
                .map(i -> bytes("{\"type\":\"robot_telemetry\",\"robot_ts\":" + System.currentTimeMillis() / 1000.0
                        + ",\"state\":{\"seq\":" + i + "}}"))
                .doOnNext(x -> c.telemetrySent.incrementAndGet())).subscribe(v -> { }, e -> { }));
        return d;
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
