package io.teleflux.samples.go2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.teleflux.codecs.json.ControlMessage;
import io.teleflux.codecs.json.ControlMessage.CmdAck;
import io.teleflux.codecs.json.ControlMessage.Estop;
import io.teleflux.codecs.json.ControlMessage.EstopClear;
import io.teleflux.codecs.json.ControlMessage.NavCancel;
import io.teleflux.codecs.json.ControlMessage.NavGoal;
import io.teleflux.codecs.json.ControlMessage.SportCmd;
import io.teleflux.codecs.json.ControlMessage.Unknown;
import io.teleflux.samples.go2.Go2Controller.Effect;
import io.teleflux.samples.go2.Go2Controller.Move;
import io.teleflux.samples.go2.Go2Controller.Reply;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The robot's commands from {@code state_reliable}: the E-stop latch, sport commands against an allow-list,
 * navigation goals and the Go2 settings, each answered with one {@code cmd_ack}. A nonce seen before (the last 256
 * are kept) is re-acked with its first answer and not carried out again. Holds the state {@code robot_telemetry}
 * reports. Not thread-safe: the controller calls it from its serialised stream.
 */
final class Go2Commands {

    private static final Logger log = LoggerFactory.getLogger(Go2Commands.class);

    /** The sport commands this robot accepts: Unitree sport-mode names (the reference does not list DimOS's). */
    static final Set<String> SPORT_COMMANDS = Set.of("Damp", "StopMove", "StandUp", "StandDown", "StandReady",
            "RecoveryStand", "BalanceStand", "Sit", "RiseSit", "Hello", "Stretch", "Dance1", "Dance2", "WiggleHips",
            "FingerHeart", "Scrape", "Heart");
    /** Allowed only with {@link Go2Options#allowAcrobatics()}. */
    static final Set<String> ACROBATICS = Set.of("FrontPounce", "FrontJump");
    /** Sport commands that stop motion; the only ones accepted while the E-stop is latched. */
    private static final Set<String> STOPPING = Set.of("Damp", "StopMove");
    private static final int REMEMBERED_NONCES = 256;

    private final Go2Options options;
    private final Map<JsonNode, Boolean> answered = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<JsonNode, Boolean> eldest) {
            return size() > REMEMBERED_NONCES;
        }
    };
    private long acked;
    private long refused;
    private long duplicates;
    private boolean estopped;
    private String posture = "standing";
    private String mode = "normal";
    private boolean obstacleAvoidance = true;
    private int light;
    private NavGoal goal;

    Go2Commands(Go2Options options) {
        this.options = options;
    }

    /** The effects of {@code message}: any stop, then its ack; none for messages that are not commands. */
    List<Effect> on(ControlMessage message) {
        JsonNode nonce = nonceOf(message);
        if (nonce == null) {
            return List.of();                                    // ping, video_stats, ...: not a command
        }
        Boolean earlier = nonce.isNull() ? null : answered.get(nonce);
        if (earlier != null) {
            duplicates++;                                        // a retransmission: re-ack, do not run it again
            return List.of(new Reply(new CmdAck(nonce, earlier)));
        }
        List<Effect> effects = new ArrayList<>(2);
        boolean ok = execute(message, effects);
        if (ok) {
            acked++;
        } else {
            refused++;
            log.info("refused {}", message);
        }
        if (!nonce.isNull()) {
            answered.put(nonce, ok);
        }
        effects.add(new Reply(new CmdAck(nonce, ok)));
        return effects;
    }

    /** Carries out a command, adding any motion to {@code effects}; false when refused. */
    private boolean execute(ControlMessage message, List<Effect> effects) {
        if (message instanceof Estop) {
            estopped = true;                                     // latched until estop_clear
            goal = null;
            posture = "damp";
            effects.add(Move.STOP);
            return true;
        }
        if (message instanceof EstopClear) {
            estopped = false;                                    // re-arms; does not move the robot
            goal = null;
            return true;
        }
        if (message instanceof SportCmd sport) {
            return sport(sport.name(), effects);
        }
        if (message instanceof NavGoal nav) {
            boolean inRange = Double.isFinite(nav.x()) && Double.isFinite(nav.y())
                    && Math.abs(nav.x()) <= options.maxNavGoal() && Math.abs(nav.y()) <= options.maxNavGoal();
            if (estopped || !inRange) {
                return false;
            }
            goal = nav;
            return true;
        }
        if (message instanceof NavCancel) {
            goal = null;
            return true;
        }
        return setting((Unknown) message);
    }

    private boolean sport(String name, List<Effect> effects) {
        boolean allowed = SPORT_COMMANDS.contains(name) || options.allowAcrobatics() && ACROBATICS.contains(name);
        if (!allowed || estopped && !STOPPING.contains(name)) {
            return false;
        }
        switch (name) {
            case "Damp" -> posture = "damp";
            case "StandDown" -> posture = "lying";
            case "Sit" -> posture = "sitting";
            case "StandUp", "StandReady", "RecoveryStand", "BalanceStand", "RiseSit" -> posture = "standing";
            default -> { }
        }
        if (STOPPING.contains(name) || !"standing".equals(posture)) {
            effects.add(Move.STOP);
        }
        return true;
    }

    /** The Go2 settings the control plane carries as kinds the codec does not model. */
    private boolean setting(Unknown message) {
        JsonNode raw = message.raw();
        switch (message.type()) {
            case "set_mode" -> {
                String m = raw.path("mode").asText("");
                if (!Set.of("normal", "high", "rage").contains(m)) {
                    return false;
                }
                mode = m;
            }
            case "obstacle_avoidance" -> obstacleAvoidance = raw.path("enabled").asBoolean(obstacleAvoidance);
            case "light" -> light = raw.has("brightness") ? Math.max(0, Math.min(10, raw.path("brightness").asInt()))
                    : raw.path("enabled").asBoolean(false) ? 10 : 0;
            default -> {
                return false;                                    // a command this robot does not know
            }
        }
        return true;
    }

    /** The nonce of a command; {@code null} for messages that are not commands. */
    private static JsonNode nonceOf(ControlMessage m) {
        if (m instanceof Estop e) {
            return e.nonce();
        }
        if (m instanceof EstopClear c) {
            return c.nonce();
        }
        if (m instanceof SportCmd s) {
            return s.nonce();
        }
        if (m instanceof NavGoal g) {
            return g.nonce();
        }
        if (m instanceof NavCancel c) {
            return c.nonce();
        }
        if (m instanceof Unknown u && u.raw().has("nonce")) {
            return u.raw().get("nonce");
        }
        return null;
    }

    /** The Go2 state {@code robot_telemetry} carries. */
    ObjectNode state() {
        return JsonNodeFactory.instance.objectNode()
                .put("posture", posture)
                .put("rage", "rage".equals(mode))
                .put("obstacle_avoidance", obstacleAvoidance)
                .put("light", light)
                .put("estopped", estopped);
    }

    boolean estopped() {
        return estopped;
    }

    /** The active navigation goal, or {@code null}. */
    NavGoal goal() {
        return goal;
    }

    long acked() {
        return acked;
    }

    long refused() {
        return refused;
    }

    long duplicates() {
        return duplicates;
    }
}
