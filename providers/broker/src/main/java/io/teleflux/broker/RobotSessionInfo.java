package io.teleflux.broker;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.Optional;

/**
 * One robot session as the broker lists it to an operator ({@code GET /api/v1/sessions}): only sessions whose robot
 * sent a heartbeat recently, of the operator's own tenant (all tenants for admins).
 *
 * @param sessionId  the id to join
 * @param robotId    the robot id, namespaced by the broker ({@code "<owner>:<robot id>"})
 * @param robotName  the display name
 * @param state      {@code "idle"} (no operator) or {@code "active"}
 * @param transport  {@code "cloudflare"} or {@code "livekit"}
 * @param operatorId the bound operator, if any
 */
public record RobotSessionInfo(String sessionId, String robotId, String robotName, String state, String transport,
                               Optional<String> operatorId) {

    public RobotSessionInfo {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(robotId, "robotId");
        Objects.requireNonNull(robotName, "robotName");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(operatorId, "operatorId");
    }

    /**
     * Whether this session is the robot's called {@code robotId}, either exactly or as the broker namespaces it
     * ({@code "<owner>:<robotId>"}).
     */
    public boolean isRobot(String robotId) {
        return this.robotId.equals(robotId) || this.robotId.endsWith(":" + robotId);
    }

    static RobotSessionInfo parse(JsonNode s) {
        String transport = BrokerHttp.text(s, "transport");
        String name = BrokerHttp.text(s, "robot_name");
        String state = BrokerHttp.text(s, "state");
        String robot = BrokerHttp.text(s, "robot_id");
        return new RobotSessionInfo(BrokerHttp.required(s, "session_id"), robot == null ? "" : robot,
                name == null ? "" : name, state == null ? "" : state, transport == null ? "cloudflare" : transport,
                Optional.ofNullable(BrokerHttp.text(s, "operator_id")));
    }
}
