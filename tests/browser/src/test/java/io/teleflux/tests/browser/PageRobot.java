package io.teleflux.tests.browser;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.teleflux.Channels;
import io.teleflux.Session;
import io.teleflux.codecs.json.ControlMessage;
import io.teleflux.codecs.json.ControlMessage.CmdAck;
import io.teleflux.codecs.json.ControlMessage.Estop;
import io.teleflux.codecs.json.ControlMessage.EstopClear;
import io.teleflux.codecs.json.ControlMessage.Odom;
import io.teleflux.codecs.json.ControlMessage.RobotTelemetry;
import io.teleflux.codecs.json.ControlMessages;
import io.teleflux.codecs.lcm.TwistStamped;
import io.teleflux.video.Frame;
import io.teleflux.video.FrameInfo;
import io.teleflux.video.PixelFormat;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.CopyOnWriteArrayList;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * The Java robot's side of the operator page tests (shared by the Chromium and Firefox tests): what the robot sends
 * back (acks, telemetry, odometry, a test video pattern) and how the commands the page logged are compared with
 * the ones the robot received.
 */
final class PageRobot {

    private PageRobot() {
    }

    /** Acks E-stops, sends telemetry and odometry until {@code running} is disposed; returns where send errors go. */
    static List<Throwable> actLikeARobot(Session robot, Disposable.Composite running) {
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        running.add(robot.send(Channels.STATE_RELIABLE_BACK, ControlMessages.TYPE,
                Flux.merge(acksFor(robot), telemetry())).subscribe(v -> { }, errors::add));
        running.add(robot.send(Channels.MAP_UNRELIABLE, ControlMessages.TYPE, odometry())
                .subscribe(v -> { }, errors::add));
        return errors;
    }

    /** A cmd_ack for every estop / estop_clear, as the Go2 command module does. */
    static Flux<ControlMessage> acksFor(Session robot) {
        return robot.receive(Channels.STATE_RELIABLE, ControlMessages.TYPE)
                .<ControlMessage>handle((m, sink) -> {
                    if (m instanceof Estop e) {
                        sink.next(new CmdAck(e.nonce(), true));
                    } else if (m instanceof EstopClear c) {
                        sink.next(new CmdAck(c.nonce(), true));
                    }
                });
    }

    static Flux<ControlMessage> telemetry() {
        ObjectNode state = JsonNodeFactory.instance.objectNode()
                .put("posture", "standing").put("estopped", false).put("obstacle_avoidance", true);
        return Flux.interval(Duration.ofMillis(300)).onBackpressureDrop()
                .map(i -> new RobotTelemetry(Optional.empty(), OptionalDouble.of(87), state, nowSeconds()));
    }

    static Flux<ControlMessage> odometry() {
        return Flux.interval(Duration.ofMillis(66)).onBackpressureDrop().map(i -> new Odom(0.01 * i, 0.5, 0.1, nowSeconds()));
    }

    private static double nowSeconds() {
        return System.currentTimeMillis() / 1000.0;
    }

    /** A moving grey-ramp I420 pattern at {@code fps}. */
    static Flux<Frame> testPattern(int width, int height, int fps) {
        FrameInfo info = FrameInfo.of(PixelFormat.I420, width, height);
        return Flux.interval(Duration.ofMillis(1000 / fps), Schedulers.parallel()).onBackpressureDrop().map(n -> {
            ByteBuffer data = ByteBuffer.allocateDirect(info.bufferSize());
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    data.put((byte) (x + y + 4 * n));
                }
            }
            while (data.hasRemaining()) {
                data.put((byte) 128);
            }
            data.flip();
            return Frame.wrap(info.withId(n), data);
        });
    }

    /** header.seq of an entry of the page's sent-command log ({@code window.teleflux.sent.log}). */
    static int seq(Map<String, Object> m) {
        return ((Number) m.get("seq")).intValue();
    }

    /** The {@code linear} or {@code angular} vector of a sent-log entry. */
    @SuppressWarnings("unchecked")
    static double[] vector(Map<String, Object> m, String name) {
        Map<String, Object> v = (Map<String, Object>) m.get(name);
        return new double[] {((Number) v.get("x")).doubleValue(), ((Number) v.get("y")).doubleValue(),
                ((Number) v.get("z")).doubleValue()};
    }

    /** Sent commands that the robot received with the same seq, stamp, frame id and twist. */
    static int countMatching(List<Map<String, Object>> sent, Map<Integer, TwistStamped> received) {
        int n = 0;
        for (Map<String, Object> m : sent) {
            TwistStamped r = received.get(seq(m));
            if (r == null) {
                continue;
            }
            double[] lin = vector(m, "linear");
            double[] ang = vector(m, "angular");
            boolean same = r.header().stamp().sec() == ((Number) m.get("sec")).intValue()
                    && r.header().stamp().nsec() == ((Number) m.get("nsec")).intValue()
                    && "keyboard".equals(r.header().frameId())
                    && r.twist().linear().x() == lin[0] && r.twist().linear().y() == lin[1]
                    && r.twist().linear().z() == lin[2] && r.twist().angular().x() == ang[0]
                    && r.twist().angular().y() == ang[1] && r.twist().angular().z() == ang[2];
            if (same) {
                n++;
            }
        }
        return n;
    }
}
