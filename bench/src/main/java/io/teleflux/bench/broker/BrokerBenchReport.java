package io.teleflux.bench.broker;

import java.util.Locale;

/** The broker figures as Markdown (with the targets of the broker issue) and CSV. */
final class BrokerBenchReport {

    /** Operator join to first command at the robot, p50. */
    static final double JOIN_TARGET_MS = 1000;
    /** Relay overhead on command latency, p50, against a direct peer connection. */
    static final double RELAY_OVERHEAD_TARGET_MS = 1;

    JoinLatency.Result join;
    RelayOverhead.Result relay;
    SessionLoad.Result load;

    boolean targetsMet() {
        return (join == null || join.firstCommand().percentileMillis(50) <= JOIN_TARGET_MS)
                && (relay == null || relayOverheadMillis() <= RELAY_OVERHEAD_TARGET_MS)
                && (load == null || load.counts().reliableLost() == 0);
    }

    double relayOverheadMillis() {
        return relay.relay().percentileMillis(50) - relay.direct().percentileMillis(50);
    }

    String markdown(String header) {
        StringBuilder md = new StringBuilder("# Broker figures\n\n").append(header).append("\n\n");
        if (join != null) {
            Latencies first = join.firstCommand();
            md.append(f("## Operator join to first command (%d joins)\n\n", first.count()))
                    .append("| from the start of the join to | p50 ms | p90 ms | max ms |\n|---|---:|---:|---:|\n")
                    .append(row("operator connected (join, bridge, ICE, channels open)", join.operatorConnected()))
                    .append(row("robot saw the operator (heartbeat ack, channels open)", join.robotSawOperator()))
                    .append(row("**first command delivered at the robot**", first))
                    .append(f("\nTarget ≤ %.0f ms: %s (p50 %.0f ms, max %.0f ms).\n\n", JOIN_TARGET_MS,
                            verdict(first.percentileMillis(50) <= JOIN_TARGET_MS), first.percentileMillis(50),
                            first.maxMillis()));
        }
        if (relay != null) {
            md.append("## Relay overhead on command latency\n\n")
                    .append("| path | commands | lost | p50 ms | p90 ms | p99 ms | max ms |\n")
                    .append("|---|---:|---:|---:|---:|---:|---:|\n")
                    .append(pathRow("direct peer connection", relay.direct(), relay.directLost()))
                    .append(pathRow("through the broker relay", relay.relay(), relay.relayLost()))
                    .append(f("\nOverhead at p50: %+.3f ms (target ≤ %.0f ms: %s).\n\n", relayOverheadMillis(),
                            RELAY_OVERHEAD_TARGET_MS, verdict(relayOverheadMillis() <= RELAY_OVERHEAD_TARGET_MS)));
        }
        if (load != null) {
            SessionLoad.Counts c = load.counts();
            md.append(f("## %d concurrent robot sessions on one broker\n\n", load.sessions()))
                    .append(f("Each session: an operator driving at 80 Hz (cmd_unreliable) and pinging at 1 Hz "
                            + "(state_reliable, answered by the robot's pong), robot telemetry at 3 Hz "
                            + "(state_reliable_back); video off. Connected in %.1f s, measured for %.1f s.\n\n",
                            load.connectSeconds(), load.seconds()))
                    .append("| messages | sent | received | lost |\n|---|---:|---:|---:|\n")
                    .append(countRow("commands (unreliable)", c.commandsSent.get(), c.commandsReceived.get()))
                    .append(countRow("pings (reliable)", c.pingsSent.get(), c.pingsReceived.get()))
                    .append(countRow("pongs (reliable)", c.pingsSent.get(), c.pongsReceived.get()))
                    .append(countRow("telemetry (reliable)", c.telemetrySent.get(), c.telemetryReceived.get()))
                    .append(f("\nTelemetry out of order: %d. Command latency under load: p50 %.2f ms, p99 %.2f ms, "
                            + "max %.1f ms.\n\n", c.telemetryOutOfOrder.get(),
                            load.commandLatency().percentileMillis(50), load.commandLatency().percentileMillis(99),
                            load.commandLatency().maxMillis()))
                    .append("| broker JVM | idle | loaded | per session |\n|---|---:|---:|---:|\n")
                    .append(f("| CPU (%% of one core) | – | %.1f %% | %.2f %% |\n", load.brokerCpuPercent(),
                            load.cpuPercentPerSession()))
                    .append(f("| resident memory after GC (MiB) | %.0f | %.0f | %.2f |\n",
                            load.idle().rssBytes() / 1048576.0, load.loaded().rssBytes() / 1048576.0,
                            load.rssMebibytesPerSession()))
                    .append(f("| Java heap after GC (MiB) | %.1f | %.1f | %.3f |\n", load.idle().heapBytes() / 1048576.0,
                            load.loaded().heapBytes() / 1048576.0, load.heapMebibytesPerSession()))
                    .append(f("| threads | %d | %d | |\n", load.idleThreads(), load.end().threads()))
                    .append(f("| relay peer connections | 0 | %d | |\n", load.end().peerConnections()))
                    .append(f("\nThe load generator (%d robots and %d operators in one JVM) used %.0f %% of one core "
                            + "meanwhile. No loss on reliable channels: %s.\n", load.sessions(), load.sessions(),
                            load.loadGeneratorCpuPercent(), verdict(c.reliableLost() == 0)));
        }
        return md.toString();
    }

    String csv() {
        StringBuilder csv = new StringBuilder("part,metric,value\n");
        if (join != null) {
            csv.append(f("join,first_command_p50_ms,%.3f\n", join.firstCommand().percentileMillis(50)))
                    .append(f("join,first_command_max_ms,%.3f\n", join.firstCommand().maxMillis()))
                    .append(f("join,operator_connected_p50_ms,%.3f\n", join.operatorConnected().percentileMillis(50)))
                    .append(f("join,robot_saw_operator_p50_ms,%.3f\n", join.robotSawOperator().percentileMillis(50)));
        }
        if (relay != null) {
            for (double p : new double[] {50, 90, 99}) {
                csv.append(f("relay,direct_p%.0f_ms,%.4f\n", p, relay.direct().percentileMillis(p)))
                        .append(f("relay,relay_p%.0f_ms,%.4f\n", p, relay.relay().percentileMillis(p)));
            }
            csv.append(f("relay,overhead_p50_ms,%.4f\n", relayOverheadMillis()));
        }
        if (load != null) {
            SessionLoad.Counts c = load.counts();
            csv.append(f("load,sessions,%d\n", load.sessions()))
                    .append(f("load,commands_sent,%d\nload,commands_received,%d\n", c.commandsSent.get(),
                            c.commandsReceived.get()))
                    .append(f("load,reliable_lost,%d\n", c.reliableLost()))
                    .append(f("load,broker_cpu_percent,%.2f\n", load.brokerCpuPercent()))
                    .append(f("load,cpu_percent_per_session,%.3f\n", load.cpuPercentPerSession()))
                    .append(f("load,rss_mib_per_session,%.3f\n", load.rssMebibytesPerSession()))
                    .append(f("load,heap_mib_per_session,%.4f\n", load.heapMebibytesPerSession()))
                    .append(f("load,command_latency_p50_ms,%.3f\n", load.commandLatency().percentileMillis(50)));
        }
        return csv.toString();
    }

    private static String row(String what, Latencies l) {
        return f("| %s | %.0f | %.0f | %.0f |\n", what, l.percentileMillis(50), l.percentileMillis(90), l.maxMillis());
    }

    private static String pathRow(String what, Latencies l, long lost) {
        return f("| %s | %,d | %d | %.3f | %.3f | %.3f | %.2f |\n", what, l.count(), lost, l.percentileMillis(50),
                l.percentileMillis(90), l.percentileMillis(99), l.maxMillis());
    }

    private static String countRow(String what, long sent, long received) {
        return f("| %s | %,d | %,d | %,d |\n", what, sent, received, sent - received);
    }

    private static String verdict(boolean met) {
        return met ? "met" : "NOT met";
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
