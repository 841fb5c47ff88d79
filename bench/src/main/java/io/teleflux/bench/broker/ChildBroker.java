package io.teleflux.bench.broker;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The broker under test running in a child JVM ({@link BrokerChildMain}) of this machine, with the robot keys it minted
 * and an operator token. Reads the child's CPU time, resident memory and heap through its line protocol.
 */
final class ChildBroker implements AutoCloseable {

    /** One robot the broker knows: its id and API key. */
    record Robot(String id, String apiKey) {
    }

    /** The child's process figures at one moment. */
    record Sample(long cpuNanos, long rssBytes, int threads, int peerConnections, long atNanos) {
    }

    private final Process process;
    private final BufferedReader out;
    private final Writer in;
    private final URI url;
    private final String token;
    private final List<Robot> robots = new ArrayList<>();

    private ChildBroker(Process process, int robotCount) throws IOException {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        String[] ready = expect("READY");
        this.url = URI.create(ready[1]);
        this.token = ready[2];
        for (int i = 0; i < robotCount; i++) {
            String[] key = expect("KEY");
            robots.add(new Robot(key[1], key[2]));
        }
    }

    /**
     * Starts a broker JVM with this JVM's class path and {@code robotCount} robot keys; its log goes to {@code log}.
     */
    static ChildBroker start(int robotCount, Path log) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                BrokerChildMain.class.getName(), Integer.toString(robotCount))
                .redirectError(ProcessBuilder.Redirect.to(log.toFile()));
        try {
            return new ChildBroker(pb.start(), robotCount);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the broker JVM (log: " + log + ")", e);
        }
    }

    URI url() {
        return url;
    }

    String operatorToken() {
        return token;
    }

    List<Robot> robots() {
        return robots;
    }

    long pid() {
        return process.pid();
    }

    /** CPU time, resident set, threads and relay peer connections now (no GC). */
    Sample sample() {
        String[] s = ask("stats", "STATS");
        return new Sample(Long.parseLong(s[1]), Long.parseLong(s[2]), Integer.parseInt(s[3]),
                Integer.parseInt(s[4]), System.nanoTime());
    }

    /** The child's memory right after a full GC there: Java heap in use and resident set, in bytes. */
    record Memory(long heapBytes, long rssBytes) {
    }

    /** Runs a full GC in the child and reads its memory. */
    Memory memoryAfterGc() {
        String[] m = ask("gc", "HEAP");
        return new Memory(Long.parseLong(m[1]), Long.parseLong(m[2]));
    }

    private String[] ask(String command, String reply) {
        try {
            in.write(command + "\n");
            in.flush();
            return expect(reply);
        } catch (IOException e) {
            throw new UncheckedIOException("the broker JVM stopped answering", e);
        }
    }

    private String[] expect(String tag) throws IOException {
        String line = out.readLine();
        if (line == null || !line.startsWith(tag + " ")) {
            throw new IOException("broker JVM said '" + line + "', expected " + tag + " (see its log)");
        }
        return line.split(" ");
    }

    /** Closes the child's input so it disposes the broker and exits; kills it after 30 s. */
    @Override
    public void close() {
        try {
            in.close();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
