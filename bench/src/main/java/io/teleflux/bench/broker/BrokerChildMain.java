package io.teleflux.bench.broker;

import io.teleflux.broker.server.BrokerOptions;
import io.teleflux.broker.server.BrokerServer;
import io.teleflux.broker.server.RobotKey;
import io.teleflux.bench.harness.BenchMain;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * The broker under test, in a JVM of its own so that its CPU time and memory can be read from {@code /proc} apart
 * from the robots and operators that load it. Started by {@link ChildBroker}; speaks a line protocol:
 * <ul>
 *   <li>out {@code READY <baseUri> <operatorToken>}, then one {@code KEY <robotId> <apiKey>} per robot;</li>
 *   <li>in {@code stats}: out {@code STATS <cpuNanos> <rssBytes> <threads> <peerConnections>};</li>
 *   <li>in {@code gc}: out {@code HEAP <heapUsedBytes> <rssBytes>} right after a full GC;</li>
 *   <li>end of input: the broker is disposed and the JVM exits.</li>
 * </ul>
 */
public final class BrokerChildMain {

    static final String OWNER = "bench@teleflux.io";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private BrokerChildMain() {
    }

    /** @param args the number of robot keys to create */
    public static void main(String[] args) throws Exception {
        // stdout carries the line protocol only: everything else that prints (the logger's console appender) goes
        // to stderr, which the parent sends to a log file
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err);
        BenchMain.quietLogging();
        int robots = Integer.parseInt(args[0]);
        BrokerServer server = BrokerServer.start(BrokerOptions.defaults().withPort(0)).block(TIMEOUT);
        out.println("READY " + server.baseUri() + " " + server.issueOperatorToken(OWNER, Duration.ofHours(12)));
        for (int i = 1; i <= robots; i++) {
            String robotId = "bench-robot-" + i;
            RobotKey key = server.createRobotKey(OWNER, robotId, robotId).block(TIMEOUT);
            out.println("KEY " + robotId + " " + key.apiKey());
        }
        OperatingSystemMXBean process = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            switch (line.trim()) {
                case "stats" -> out.println(String.format(Locale.ROOT, "STATS %d %d %d %d", process.getProcessCpuTime(),
                        residentBytes(), ManagementFactory.getThreadMXBean().getThreadCount(),
                        server.livePeerConnections()));
                case "gc" -> {
                    System.gc();
                    out.println("HEAP " + ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() + " "
                            + residentBytes());
                }
                default -> out.println("ERROR unknown command " + line);
            }
        }
        server.disposeNow();
    }

    /** VmRSS from {@code /proc/self/status}: the resident set, native memory (webrtc-java) included. */
    private static long residentBytes() throws java.io.IOException {
        for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (l.startsWith("VmRSS:")) {
                return Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return -1;
    }
}
