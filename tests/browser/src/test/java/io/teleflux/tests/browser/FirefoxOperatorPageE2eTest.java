package io.teleflux.tests.browser;

import static io.teleflux.tests.browser.PageRobot.countMatching;
import static io.teleflux.tests.browser.PageRobot.seq;
import static io.teleflux.tests.browser.PageRobot.vector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.teleflux.Channels;
import io.teleflux.Session;
import io.teleflux.Teleflux;
import io.teleflux.broker.BrokerConfig;
import io.teleflux.broker.server.BrokerOptions;
import io.teleflux.broker.server.BrokerServer;
import io.teleflux.broker.server.RobotKey;
import io.teleflux.codecs.json.ControlMessage;
import io.teleflux.codecs.json.ControlMessage.Estop;
import io.teleflux.codecs.json.ControlMessage.EstopClear;
import io.teleflux.codecs.json.ControlMessage.OperatorLost;
import io.teleflux.codecs.json.ControlMessage.VideoStats;
import io.teleflux.codecs.json.ControlMessages;
import io.teleflux.codecs.lcm.TwistStamped;
import io.teleflux.webrtc.NetworkNamespace;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The operator page end to end in Firefox (Debian {@code firefox-esr}), driven over WebDriver BiDi by
 * {@link HeadlessFirefox}: the embedded {@link BrokerServer} serves the page and relays, a Java robot session registers
 * with it, and Firefox opens the page's {@code #token=} link, joins, drives with a held key (trusted key events),
 * E-stops, watches the robot's video and leaves. Firefox here has no OpenH264 plugin (it is downloaded on first use,
 * which this network does not allow), so the relay's re-encoded video must negotiate VP8. Skipped when firefox-esr is
 * not installed; runs only inside a private network namespace ({@code ./teleflux netns mvn -o -B -pl tests/browser
 * verify}).
 */
@ExtendWith(NetworkNamespace.class)
class FirefoxOperatorPageE2eTest {

    private static final Logger log = LoggerFactory.getLogger(FirefoxOperatorPageE2eTest.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OPERATOR = "operator@example.org";
    private static final String TOKEN = "e2e-operator-token";
    private static final Duration STEP = Duration.ofSeconds(30);
    private static final int COMMANDS = 200;

    private final Disposable.Composite running = Disposables.composite();
    private BrokerServer broker;
    private Session robot;
    private HeadlessFirefox firefox;

    @BeforeEach
    void firefoxInstalled() {
        assumeTrue(HeadlessFirefox.installed(), "Debian's firefox-esr is not installed (" + HeadlessFirefox.executable() + ")");
    }

    @AfterEach
    void stop() {
        running.dispose();
        if (firefox != null) {
            firefox.close();
        }
        if (robot != null) {
            robot.disposeNow(Duration.ofSeconds(10));
        }
        if (broker != null) {
            broker.disposeNow();
        }
    }

    @Test
    void operatorDrivesTheRobotFromFirefox(@TempDir Path dir) {
        startBrokerAndRobot(dir);
        Map<Integer, TwistStamped> received = new ConcurrentHashMap<>();
        List<ControlMessage> control = new CopyOnWriteArrayList<>();
        running.add(robot.receive(Channels.CMD_UNRELIABLE, TwistStamped.TYPE)
                .subscribe(t -> received.put(t.header().seq(), t)));
        running.add(robot.receive(Channels.STATE_RELIABLE, ControlMessages.TYPE).subscribe(control::add));
        List<Throwable> robotErrors = PageRobot.actLikeARobot(robot, running);

        HeadlessFirefox page = openPageAndJoin();

        // the page answered the bridge's video offer and has the robot's track
        assertThat(page.text("window.teleflux.link.videoStatus")).isEqualTo("ok");
        assertThat(page.number("window.teleflux.pc.getReceivers().filter(r => r.track && r.track.kind === 'video').length"))
                .isEqualTo(1);
        page.waitUntil("the video element has the robot's stream", "(() => { const v = document.getElementById('video');"
                + " return !!v.srcObject && v.srcObject.getVideoTracks().length === 1; })()", STEP);

        // state_reliable_back reaches the page: pongs sync the clock, telemetry and odometry are shown
        page.waitUntil("clock sync (pong on state_reliable_back)", "window.teleflux.clock && window.teleflux.clock.synced", STEP);
        page.waitUntil("telemetry shown", "document.getElementById('telemetry').textContent.includes('posture')", STEP);
        page.waitUntil("odometry shown", "document.getElementById('odom').textContent !== '—'", STEP);
        assertThat(page.number("window.teleflux.received.state_reliable_back"))
                .as("messages the page received on state_reliable_back").isGreaterThan(0);
        assertThat(Math.abs(page.number("window.teleflux.clock.offsetMs")))
                .as("robot and page share this machine's clock").isLessThan(100);

        // hold W until the page has sent COMMANDS twists, then release
        long before = System.currentTimeMillis();
        page.keyDown("w");
        page.waitUntil(COMMANDS + " commands sent", "window.teleflux.sent.count >= " + (COMMANDS + 5), STEP);
        page.keyUp("w");
        long heldMs = System.currentTimeMillis() - before;
        List<Map<String, Object>> sent = sentLog(page);
        page.waitUntil("the zero twist on release", "window.teleflux.sent.log.some(m => m.linear.x === 0)", STEP);

        List<Map<String, Object>> driving = sent.stream().filter(m -> vector(m, "linear")[0] > 0).limit(COMMANDS).toList();
        assertThat(driving).hasSize(COMMANDS);
        int firstSeq = seq(driving.get(0));
        for (int i = 0; i < driving.size(); i++) {
            assertThat(seq(driving.get(i))).as("header.seq increases by one").isEqualTo(firstSeq + i);
        }
        int lastSeq = seq(driving.get(COMMANDS - 1));
        awaitRobot("commands arrive at the robot", () -> countMatching(driving, received) >= COMMANDS * 95 / 100
                || received.keySet().stream().anyMatch(s -> s > lastSeq + 1));
        int matching = countMatching(driving, received);
        log.info("Firefox: {} of {} commands arrived intact ({} received in all, key held {} ms)", matching, COMMANDS,
                received.size(), heldMs);
        assertThat(matching).as("commands that arrived with the values the page sent").isGreaterThanOrEqualTo(COMMANDS * 95 / 100);
        TwistStamped one = received.get(firstSeq);
        assertThat(one.header().frameId()).isEqualTo("keyboard");
        double stampMs = one.header().stamp().sec() * 1000.0 + one.header().stamp().nsec() / 1e6;
        assertThat(stampMs).as("stamped in robot time, while the key was held")
                .isBetween(before - 1000.0, before + heldMs + 1000.0);
        awaitRobot("a zero twist reaches the robot",
                () -> received.values().stream().anyMatch(t -> t.header().seq() > lastSeq && t.twist().linear().x() == 0));

        // E-stop from the Space key, acknowledged by the robot; driving is blocked; then the clear button
        page.keyDown(" ");
        page.keyUp(" ");
        awaitRobot("estop at the robot", () -> control.stream().anyMatch(Estop.class::isInstance));
        page.waitUntil("estop ack shown", "document.getElementById('acks').textContent.includes('estop: ok')", STEP);
        double sentBefore = page.number("window.teleflux.sent.count");
        page.keyDown("w");
        page.waitUntil("driving blocked while E-stopped",
                "document.getElementById('drive-state').textContent.includes('blocked (E-stop')", STEP);
        assertThat(page.number("window.teleflux.sent.count")).as("nothing sent while E-stopped").isEqualTo(sentBefore);
        page.keyUp("w");
        page.click("#estop-clear");
        awaitRobot("estop_clear at the robot", () -> control.stream().anyMatch(EstopClear.class::isInstance));
        page.waitUntil("estop_clear ack shown", "document.getElementById('acks').textContent.includes('estop_clear: ok')", STEP);
        assertThat(control).as("the page reports its clock sync").anyMatch(ControlMessage.ClockReport.class::isInstance);

        page.screenshot(screenshotDir().resolve("operator-page-firefox-drive.png"));

        // leave: the robot learns the operator is gone, the page lists the sessions again
        page.click("#leave");
        awaitRobot("operator_lost at the robot", () -> control.stream().anyMatch(OperatorLost.class::isInstance));
        page.waitUntil("session list after leave", "!document.getElementById('sessions-view').hidden", STEP);
        assertThat(page.eval("window.teleflux.errors")).as("errors shown on the page").isEmpty();
        assertThat(robotErrors).as("robot send errors").isEmpty();
    }

    @Test
    void operatorSeesTheRobotsVideoInFirefox(@TempDir Path dir) {
        startBrokerAndRobot(dir);
        List<ControlMessage> control = new CopyOnWriteArrayList<>();
        running.add(robot.receive(Channels.STATE_RELIABLE, ControlMessages.TYPE).subscribe(control::add));
        List<Throwable> robotErrors = PageRobot.actLikeARobot(robot, running);
        running.add(robot.sendVideo(PageRobot.testPattern(320, 240, 30)).subscribe(v -> { }, robotErrors::add));

        HeadlessFirefox page = openPageAndJoin();
        page.waitUntil("30 decoded frames", "window.teleflux.framesDecoded().then(n => n >= 30)", STEP);
        page.waitUntil("the video element plays", "document.getElementById('video').currentTime > 0", STEP);

        // the relay offers its codecs; Firefox answers with one it can decode (VP8 without the OpenH264 plugin)
        List<String> offered = videoCodecs(page.text("window.teleflux.pc.remoteDescription.sdp"));
        List<String> answered = videoCodecs(page.text("window.teleflux.pc.localDescription.sdp"));
        JsonNode inbound = page.eval("window.teleflux.pc.getStats().then(s => { let r = null, c = {};"
                + " s.forEach(x => { if (x.type === 'inbound-rtp' && x.kind === 'video') r = x;"
                + " if (x.type === 'codec') c[x.id] = x; });"
                + " return r && { framesDecoded: r.framesDecoded, width: r.frameWidth, height: r.frameHeight,"
                + " codec: c[r.codecId] ? c[r.codecId].mimeType : null }; })");
        log.info("Firefox {}: relay offered video codecs {}, the page answered {}; decoding {} ({} frames, {}x{})",
                page.version(), offered, answered, inbound.path("codec").asText(), inbound.path("framesDecoded").asLong(),
                inbound.path("width").asText(), inbound.path("height").asText());
        assertThat(offered).as("the relay offers VP8, which every Firefox decodes").contains("VP8");
        assertThat(inbound.path("codec").asText()).as("the codec Firefox decodes")
                .isEqualToIgnoringCase("video/" + answered.get(0));
        assertThat(inbound.path("framesDecoded").asLong()).isGreaterThanOrEqualTo(30);
        log.info("Firefox receiver: playoutDelayHint {}, jitterBufferTarget {}",
                page.text("String(window.teleflux.pc.getReceivers().find(r => r.track && r.track.kind === 'video').playoutDelayHint)"),
                page.text("String(window.teleflux.pc.getReceivers().find(r => r.track && r.track.kind === 'video').jitterBufferTarget)"));

        // the page reports what it decodes on state_reliable, once a second
        awaitRobot("video_stats at the robot", () -> control.stream().filter(VideoStats.class::isInstance)
                .map(VideoStats.class::cast).anyMatch(v -> v.fps().orElse(0) > 0 && v.kbps().orElse(0) > 0));
        page.waitUntil("telemetry shown", "document.getElementById('telemetry').textContent.includes('posture')", STEP);
        page.waitUntil("odometry shown", "document.getElementById('odom').textContent !== '—'", STEP);
        page.screenshot(screenshotDir().resolve("operator-page-firefox.png"));
        assertThat(page.eval("window.teleflux.errors")).as("errors shown on the page").isEmpty();
        assertThat(robotErrors).as("robot send errors").isEmpty();
    }

    // ------------------------------------------------------------------ setup

    /** A broker and a robot with a video track in its offer (the bridge makes a video_offer). */
    private void startBrokerAndRobot(Path dir) {
        broker = BrokerServer.start(BrokerOptions.defaults().withPort(0).withDataDir(dir)
                .withDevToken(TOKEN, OPERATOR)).block(STEP);
        RobotKey key = broker.createRobotKey(OPERATOR, "e2e", "e2e-robot").block(STEP);
        robot = Teleflux.robot(BrokerConfig.of(key.apiKey())
                        .withBrokerUrl(broker.baseUri())
                        .withRobotId("e2e-robot")
                        .withRobotName("e2e robot")
                        .withHeartbeat(Duration.ofMillis(200))
                        .withVideo(true))
                .connect()
                .block(STEP);
    }

    /** Opens the page's {@code #token=} link (logs in at once), joins the robot with a click, waits until connected. */
    private HeadlessFirefox openPageAndJoin() {
        firefox = HeadlessFirefox.start(STEP, broker.baseUri());
        HeadlessFirefox page = firefox;
        page.navigate(broker.baseUri().resolve("/#token=" + TOKEN));
        page.waitUntil("the robot in the session list", "!document.getElementById('sessions-view').hidden"
                + " && !!document.querySelector('#sessions button.join')", STEP);
        assertThat(page.text("location.hash")).as("the token is taken out of the address bar").isEmpty();
        assertThat(page.eval("document.getElementById('error').hidden").asBoolean()).as("no error banner after login").isTrue();
        page.click("#sessions button.join");
        page.waitUntil("connected (or an error)",
                "window.teleflux.phase === 'connected' || window.teleflux.errors.length > 0", STEP);
        assertThat(page.text("window.teleflux.errors.join('\\n')")).as("page errors while joining").isEmpty();
        return page;
    }

    // ------------------------------------------------------------------ helpers

    /** Polls a condition on the robot's side every 20 ms; fails after {@link #STEP}. */
    private static void awaitRobot(String what, BooleanSupplier condition) {
        Boolean met = Flux.interval(Duration.ZERO, Duration.ofMillis(20))
                .filter(i -> condition.getAsBoolean())
                .next()
                .map(i -> true)
                .timeout(STEP, Mono.just(false))
                .block(STEP.plusSeconds(5));
        assertThat(met).as("within %s: %s", STEP, what).isTrue();
    }

    private static List<Map<String, Object>> sentLog(HeadlessFirefox page) {
        return JSON.convertValue(page.eval("window.teleflux.sent.log"), new TypeReference<List<Map<String, Object>>>() { });
    }

    /** The codec names of an SDP's video m-section, in the m-line's payload order. */
    static List<String> videoCodecs(String sdp) {
        String[] lines = sdp.split("\r?\n");
        List<String> order = new ArrayList<>();
        Map<String, String> names = new HashMap<>();
        boolean video = false;
        for (String line : lines) {
            if (line.startsWith("m=")) {
                video = line.startsWith("m=video");
                if (video) {
                    String[] parts = line.split(" ");
                    order.addAll(List.of(parts).subList(3, parts.length));
                }
            } else if (video && line.startsWith("a=rtpmap:")) {
                String[] parts = line.substring("a=rtpmap:".length()).split(" ", 2);
                names.put(parts[0], parts[1].split("/")[0]);
            }
        }
        return order.stream().map(pt -> names.getOrDefault(pt, pt))
                .filter(n -> !List.of("rtx", "red", "ulpfec", "flexfec-03").contains(n)).distinct().toList();
    }

    private static Path screenshotDir() {
        return Path.of(System.getProperty("teleflux.browser.screenshotDir", "target"));
    }
}
