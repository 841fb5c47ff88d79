package io.teleflux.broker.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Robot keys live in SQLite in the data directory: a restarted broker still knows them, hashed only. */
class KeyPersistenceTest {

    @TempDir
    Path data;

    @Test
    void keysSurviveARestartAndOnlyTheirHashIsStored() throws Exception {
        BrokerOptions options = BrokerOptions.defaults().withPort(0).withDataDir(data)
                .withDevToken("alice-dev-token", "alice@example.org");
        BrokerServer first = BrokerServer.start(options).block(Duration.ofSeconds(10));
        RobotKey kept;
        RobotKey revoked;
        try {
            kept = first.createRobotKey("alice@example.org", "kept", "kept").block(Duration.ofSeconds(5));
            revoked = first.createRobotKey("alice@example.org", "revoked", "revoked").block(Duration.ofSeconds(5));
            ApiClient api = new ApiClient(first.baseUri());
            assertThat(api.operator("DELETE", "/api/v1/keys/" + revoked.id(), "alice-dev-token", null).status())
                    .isEqualTo(204);
        } finally {
            first.disposeNow();
        }
        byte[] db = Files.readAllBytes(data.resolve("broker.db"));
        assertThat(new String(db, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(kept.apiKey())
                .contains(KeyStore.sha256(kept.apiKey()));

        BrokerServer second = BrokerServer.start(options).block(Duration.ofSeconds(10));
        try {
            ApiClient api = new ApiClient(second.baseUri());
            assertThat(api.robot("GET", "/api/v1/sessions/turn-credentials", kept.apiKey(), null).status())
                    .isEqualTo(200);
            assertThat(api.robot("GET", "/api/v1/sessions/turn-credentials", revoked.apiKey(), null).status())
                    .isEqualTo(401);
            ApiClient.Response list = api.operator("GET", "/api/v1/keys", "alice-dev-token", null);
            assertThat(list.json().path("keys")).hasSize(1);
            assertThat(list.json().path("keys").get(0).path("name").asText()).isEqualTo("kept");
            assertThat(list.json().path("keys").get(0).path("last_used_at").isTextual()).isTrue();
        } finally {
            second.disposeNow();
        }
    }

    @Test
    void theCliCreatesAKeyTheServerAccepts() throws Exception {
        var out = new java.io.ByteArrayOutputStream();
        int status = BrokerMain.run(new String[] {"--data", data.toString(), "--owner", "carol@example.org",
            "--create-key", "arm one"}, new java.io.PrintStream(out, true), System.err);
        assertThat(status).isZero();
        String apiKey = out.toString().lines().filter(l -> l.startsWith("dtk_live_")).findFirst().orElseThrow();
        BrokerServer server = BrokerServer.start(BrokerOptions.defaults().withPort(0).withDataDir(data))
                .block(Duration.ofSeconds(10));
        try {
            assertThat(new ApiClient(server.baseUri()).robot("GET", "/api/v1/sessions/turn-credentials", apiKey,
                    null).status()).isEqualTo(200);
        } finally {
            server.disposeNow();
        }
    }

    @Test
    void helpAndBadOptions() throws Exception {
        var out = new java.io.ByteArrayOutputStream();
        var err = new java.io.ByteArrayOutputStream();
        assertThat(BrokerMain.run(new String[] {"--help"}, new java.io.PrintStream(out, true),
                new java.io.PrintStream(err, true))).isZero();
        assertThat(out.toString()).contains("--create-key NAME").contains("--dev");
        assertThat(BrokerMain.run(new String[] {"--bogus"}, new java.io.PrintStream(out, true),
                new java.io.PrintStream(err, true))).isEqualTo(2);
        assertThat(err.toString()).contains("unknown option '--bogus'");
    }
}
