package io.teleflux.broker.server;

import io.teleflux.webrtc.IceServer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The broker as a program. {@code --help} lists the options. It prints the operator page's URL and an operator token;
 * the JWT secret is kept in {@code <data>/jwt-secret} (created on first start) so tokens survive a restart.
 */
public final class BrokerMain {

    static final String USAGE = String.join("\n",
            "Usage: BrokerMain [options]",
            "  Runs the teleflux broker: the hosted-teleop REST API (/api/v1), a WebRTC relay and the operator page.",
            "",
            "Options:",
            "  --port N             TCP port (default 8080; 0 = any free port)",
            "  --host ADDR          address to bind (default 127.0.0.1; 0.0.0.0 for every interface)",
            "  --data DIR           data directory: broker.db (robot keys) and jwt-secret (default ./teleflux-broker)",
            "  --owner EMAIL        the operator identity for --create-key and the printed token",
            "                       (default operator@localhost)",
            "  --create-key NAME    create a robot API key named NAME for --owner, print it, and exit",
            "  --ice-server URL[,USER,CREDENTIAL]  a STUN/TURN server handed to robots and operators (repeatable)",
            "  --enforce-rate-limits  refuse requests over the per-caller rate limits (429) instead of logging them",
            "  --dev                development mode: keys start with dtk_dev_, and the static operator token",
            "                       'dev-operator-token' authenticates as --owner",
            "  -h, --help           this help");

    private static final String DEV_TOKEN = "dev-operator-token";

    private BrokerMain() {
    }

    public static void main(String[] args) throws Exception {
        int status = run(args, System.out, System.err);
        if (status >= 0) {
            System.exit(status);
        }
    }

    /** Runs; returns an exit status, or -1 when the broker is running (and stops on JVM shutdown). */
    static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        int port = 8080;
        String host = "127.0.0.1";
        Path data = Path.of("teleflux-broker");
        String owner = "operator@localhost";
        String createKey = null;
        boolean dev = false;
        boolean enforce = false;
        List<IceServer> ice = new ArrayList<>();
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "-h", "--help" -> {
                        out.println(USAGE);
                        return 0;
                    }
                    case "--port" -> port = Integer.parseInt(value(args, ++i, "--port"));
                    case "--host" -> host = value(args, ++i, "--host");
                    case "--data" -> data = Path.of(value(args, ++i, "--data"));
                    case "--owner" -> owner = value(args, ++i, "--owner");
                    case "--create-key" -> createKey = value(args, ++i, "--create-key");
                    case "--ice-server" -> ice.add(iceServer(value(args, ++i, "--ice-server")));
                    case "--dev" -> dev = true;
                    case "--enforce-rate-limits" -> enforce = true;
                    default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'");
                }
            }
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        if (createKey != null) {
            try (KeyStore keys = KeyStore.open(data)) {
                RobotKey key = keys.create(owner, createKey, createKey.replaceAll("[^A-Za-z0-9._-]+", "-"), dev,
                        Clock.systemUTC().instant());
                out.println("Robot API key '" + key.name() + "' for " + key.robotId() + " (shown once):");
                out.println(key.apiKey());
                out.println("id " + key.id() + ", prefix " + key.keyPrefix() + ", stored in "
                        + data.resolve("broker.db"));
            }
            return 0;
        }
        BrokerOptions options = BrokerOptions.defaults()
                .withPort(port)
                .withHost(host)
                .withDataDir(data)
                .withJwtSecret(jwtSecret(data))
                .withIceServers(ice)
                .withDev(dev)
                .withRateLimitsEnforced(enforce);
        if (dev) {
            options = options.withDevToken(DEV_TOKEN, owner);
        }
        BrokerServer server = BrokerServer.start(options).block(Duration.ofSeconds(30));
        Runtime.getRuntime().addShutdownHook(new Thread(server::disposeNow, "teleflux-broker-shutdown"));
        String token = dev ? DEV_TOKEN : server.issueOperatorToken(owner, Duration.ofHours(12));
        out.println("teleflux broker on " + server.baseUri() + " (data " + data.toAbsolutePath() + ")");
        out.println("Operator page:  " + server.baseUri() + "/#token=" + token);
        out.println("Operator token for " + owner + (dev ? " (static dev token)" : " (valid 12 h)") + ":");
        out.println(token);
        out.println("Create a robot key: BrokerMain --data " + data + " --create-key NAME");
        server.onDispose().block();
        return -1;
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static IceServer iceServer(String spec) {
        String[] parts = spec.split(",", -1);
        if (parts.length == 1) {
            return IceServer.stun(parts[0]);
        }
        if (parts.length == 3) {
            return IceServer.turn(parts[0], parts[1], parts[2]);
        }
        throw new IllegalArgumentException("--ice-server takes URL or URL,USER,CREDENTIAL, was '" + spec + "'");
    }

    /** The secret in {@code <data>/jwt-secret}, created (owner-only permissions where supported) if missing. */
    static byte[] jwtSecret(Path data) throws IOException {
        Path file = data.resolve("jwt-secret");
        if (Files.exists(file)) {
            return HexFormat.of().parseHex(Files.readString(file).strip());
        }
        Files.createDirectories(data);
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        Files.writeString(file, HexFormat.of().formatHex(secret) + "\n");
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system
        }
        return secret;
    }
}
