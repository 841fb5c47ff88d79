package io.teleflux.broker.server;

import java.time.Duration;

/**
 * Run in a child JVM by {@link JvmExitTest}: starts a broker, registers a robot (so the relay creates a peer
 * connection and leases the factory), joins an operator, stops everything and returns from {@code main} without
 * {@code System.exit}. The JVM must then exit by itself.
 */
public final class BrokerExitProbe {

    private BrokerExitProbe() {
    }

    public static void main(String[] args) {
        BrokerServer server = BrokerServer.start(BrokerOptions.defaults().withPort(0)
                .withDevToken("probe-dev-token", "probe@example.org")).block(Duration.ofSeconds(15));
        String key = server.createRobotKey("probe@example.org", "r", "r").block(Duration.ofSeconds(5)).apiKey();
        ApiClient api = new ApiClient(server.baseUri());
        try (TestPeer robot = TestPeer.robot(true); TestPeer operator = TestPeer.operator()) {
            ApiClient.Response r = api.robot("POST", "/api/v1/sessions", key,
                    ApiClient.json("robot_name", "r", "sdp_offer", robot.offer()));
            String id = r.json().path("session_id").asText();
            robot.applyAnswer(r.json().path("sdp_answer").asText());
            ApiClient.Response j = api.operator("POST", "/api/v1/sessions/" + id + "/join", "probe-dev-token",
                    ApiClient.json("sdp_offer", operator.offer()));
            operator.applyAnswer(j.json().path("sdp_answer").asText());
            operator.awaitConnected();
            ApiClient.Response b = api.operator("POST", "/api/v1/sessions/" + id + "/bridge-datachannel",
                    "probe-dev-token", null);
            System.out.println("exit-probe: bridge " + b.status() + " " + b.json().path("video_status").asText());
        }
        server.disposeNow();
        System.out.println("exit-probe: stopped, live peer connections " + server.livePeerConnections());
    }
}
