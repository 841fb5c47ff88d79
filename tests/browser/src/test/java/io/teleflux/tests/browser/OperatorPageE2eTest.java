package io.teleflux.tests.browser;

import static io.teleflux.tests.browser.PageRobot.countMatching;
import static io.teleflux.tests.browser.PageRobot.seq;
import static io.teleflux.tests.browser.PageRobot.vector;
import static org.assertj.core.api.Assertions.assertThat;

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
import io.teleflux.codecs.json.ControlMessages;
import io.teleflux.codecs.lcm.TwistStamped;
import io.teleflux.webrtc.HeadlessChromium;
import io.teleflux.webrtc.NetworkNamespace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;

/**
 * The operator page end to end: the embedded {@link BrokerServer} serves the page and relays, a Java robot session
 * ({@link BrokerConfig}) registers with it, and headless Chromium logs in, joins, drives with a held key, E-stops and
 * leaves. Everything is real: webrtc-java on the robot and in the broker's relay, Chromium's WebRTC, Selenium key
 * events. Runs only inside a private network namespace ({@code ./teleflux netns mvn -o -B -pl tests/browser verify}).
 */
@ExtendWith(NetworkNamespace.class)
class OperatorPageE2eTest {

    private static final Logger log = LoggerFactory.getLogger(OperatorPageE2eTest.class);
    private static final String OPERATOR = "operator@example.org";
    private static final String TOKEN = "e2e-operator-token";
    private static final Duration STEP = Duration.ofSeconds(30);
    private static final int COMMANDS = 200;

    private final Disposable.Composite running = Disposables.composite();
    private BrokerServer broker;
    private Session robot;
    private HeadlessChromium chromium;

    @AfterEach
    void stop() {
        running.dispose();
        if (chromium != null) {
            chromium.close();
        }
        if (robot != null) {
            robot.disposeNow(Duration.ofSeconds(10));
        }
        if (broker != null) {
            broker.disposeNow();
        }
    }

    @Test
    void operatorDrivesTheRobotFromThePage(@TempDir Path dir) throws IOException {
        startBrokerAndRobot(dir, true); // a video track in the robot's offer: the bridge makes a video_offer
        Map<Integer, TwistStamped> received = new ConcurrentHashMap<>();
        List<ControlMessage> control = new CopyOnWriteArrayList<>();
        running.add(robot.receive(Channels.CMD_UNRELIABLE, TwistStamped.TYPE)
                .subscribe(t -> received.put(t.header().seq(), t)));
        running.add(robot.receive(Channels.STATE_RELIABLE, ControlMessages.TYPE).subscribe(control::add));
        List<Throwable> robotErrors = PageRobot.actLikeARobot(robot, running);

        WebDriver page = openPageAndJoin();
        JavascriptExecutor js = (JavascriptExecutor) page;

        // the page answered the bridge's video offer (renegotiate-answer) and has the robot's track
        assertThat(js.executeScript("return window.teleflux.link.videoStatus;")).isEqualTo("ok");
        assertThat(js.executeScript("return window.teleflux.pc.getReceivers().filter(r => r.track && "
                + "r.track.kind === 'video').length;")).isEqualTo(1L);
        waitFor(page, "the video element has the robot's stream", d -> Boolean.TRUE.equals(js.executeScript(
                "const v = document.getElementById('video'); return !!v.srcObject && v.srcObject.getVideoTracks().length === 1;")));

        // state_reliable_back reaches the page: pongs sync the clock, telemetry and odometry are shown
        waitFor(page, "clock sync (pong on state_reliable_back)",
                d -> Boolean.TRUE.equals(js.executeScript("return !!(window.teleflux.clock && window.teleflux.clock.synced);")));
        waitFor(page, "telemetry shown", d -> d.findElement(By.id("telemetry")).getText().contains("posture"));
        waitFor(page, "odometry shown", d -> !d.findElement(By.id("odom")).getText().equals("—"));
        double offsetMs = ((Number) js.executeScript("return window.teleflux.clock.offsetMs;")).doubleValue();
        assertThat(Math.abs(offsetMs)).as("robot and page share this machine's clock").isLessThan(100);

        // hold W until the page has sent COMMANDS twists, then release
        long before = System.currentTimeMillis();
        new Actions(page).keyDown("w").perform();
        waitFor(page, COMMANDS + " commands sent",
                d -> ((Number) js.executeScript("return window.teleflux.sent.count;")).intValue() >= COMMANDS + 5);
        new Actions(page).keyUp("w").perform();
        long heldMs = System.currentTimeMillis() - before;
        List<Map<String, Object>> sent = sentLog(js);
        waitFor(page, "the zero twist on release",
                d -> sentLog(js).stream().anyMatch(m -> vector(m, "linear")[0] == 0.0));

        List<Map<String, Object>> driving = sent.stream().filter(m -> vector(m, "linear")[0] > 0).limit(COMMANDS).toList();
        assertThat(driving).hasSize(COMMANDS);
        int firstSeq = seq(driving.get(0));
        for (int i = 0; i < driving.size(); i++) {
            assertThat(seq(driving.get(i))).as("header.seq increases by one").isEqualTo(firstSeq + i);
        }
        int lastSeq = seq(driving.get(COMMANDS - 1));
        waitFor(page, "commands arrive at the robot", d -> countMatching(driving, received) >= COMMANDS * 95 / 100
                || received.keySet().stream().anyMatch(s -> s > lastSeq + 1));
        int matching = countMatching(driving, received);
        log.info("{} of {} commands arrived intact ({} received in all, key held {} ms)", matching, COMMANDS,
                received.size(), heldMs);
        assertThat(matching).as("commands that arrived with the values the page sent").isGreaterThanOrEqualTo(COMMANDS * 95 / 100);
        TwistStamped one = received.get(firstSeq);
        assertThat(one.header().frameId()).isEqualTo("keyboard");
        double stampMs = one.header().stamp().sec() * 1000.0 + one.header().stamp().nsec() / 1e6;
        assertThat(stampMs).as("stamped in robot time, while the key was held")
                .isBetween(before - 1000.0, before + heldMs + 1000.0);
        waitFor(page, "a zero twist reaches the robot",
                d -> received.values().stream().anyMatch(t -> t.header().seq() > lastSeq && t.twist().linear().x() == 0));

        // E-stop from the Space key, acknowledged by the robot; then the clear button
        new Actions(page).sendKeys(" ").perform();
        waitFor(page, "estop at the robot", d -> control.stream().anyMatch(Estop.class::isInstance));
        waitFor(page, "estop ack shown", d -> d.findElement(By.id("acks")).getText().contains("estop: ok"));
        int sentBefore = ((Number) js.executeScript("return window.teleflux.sent.count;")).intValue();
        new Actions(page).keyDown("w").perform();
        waitFor(page, "driving blocked while E-stopped",
                d -> d.findElement(By.id("drive-state")).getText().contains("blocked (E-stop"));
        assertThat(((Number) js.executeScript("return window.teleflux.sent.count;")).intValue())
                .as("nothing sent while E-stopped").isEqualTo(sentBefore);
        new Actions(page).keyUp("w").perform();
        page.findElement(By.id("estop-clear")).click();
        waitFor(page, "estop_clear at the robot", d -> control.stream().anyMatch(EstopClear.class::isInstance));
        waitFor(page, "estop_clear ack shown", d -> d.findElement(By.id("acks")).getText().contains("estop_clear: ok"));
        assertThat(control).as("the page reports its clock sync").anyMatch(ControlMessage.ClockReport.class::isInstance);

        screenshot(page, "operator-page-drive.png");

        // leave: the robot learns the operator is gone, the page lists the sessions again
        page.findElement(By.id("leave")).click();
        waitFor(page, "operator_lost at the robot", d -> control.stream().anyMatch(OperatorLost.class::isInstance));
        waitFor(page, "session list after leave", ExpectedConditions.visibilityOfElementLocated(By.id("sessions-view")));

        // rejoin: a fresh bridge (fresh SCTP ids) and commands flow again
        received.clear();
        waitFor(page, "the robot listed again", ExpectedConditions.elementToBeClickable(By.cssSelector("#sessions button.join")));
        page.findElement(By.cssSelector("#sessions button.join")).click();
        waitFor(page, "connected again", d -> "connected".equals(js.executeScript("return window.teleflux.phase;")));
        waitFor(page, "clock sync again",
                d -> Boolean.TRUE.equals(js.executeScript("return window.teleflux.clock.synced;")));
        new Actions(page).keyDown("w").perform();
        waitFor(page, "commands after rejoin", d -> received.size() >= 10);
        new Actions(page).keyUp("w").perform();
        assertThat(received.values()).allMatch(t -> t.header().frameId().equals("keyboard"));
        assertThat((List<?>) js.executeScript("return window.teleflux.errors;")).as("errors shown on the page").isEmpty();
        assertThat(robotErrors).as("robot send errors").isEmpty();
    }

    @Test
    void operatorSeesTheRobotsVideo(@TempDir Path dir) throws IOException {
        startBrokerAndRobot(dir, true);
        List<ControlMessage> control = new CopyOnWriteArrayList<>();
        running.add(robot.receive(Channels.STATE_RELIABLE, ControlMessages.TYPE).subscribe(control::add));
        List<Throwable> robotErrors = PageRobot.actLikeARobot(robot, running);
        running.add(robot.sendVideo(PageRobot.testPattern(320, 240, 30)).subscribe(v -> { }, robotErrors::add));

        WebDriver page = openPageAndJoin();
        JavascriptExecutor js = (JavascriptExecutor) page;
        waitFor(page, "30 decoded frames", d -> framesDecoded(js) >= 30);
        waitFor(page, "the video element plays", d -> ((Number) js.executeScript(
                "return document.getElementById('video').currentTime;")).doubleValue() > 0);
        assertThat(js.executeScript("const r = window.teleflux.pc.getReceivers().find(r => r.track && "
                + "r.track.kind === 'video'); return [r.playoutDelayHint, r.jitterBufferTarget];"))
                .as("playoutDelayHint and jitterBufferTarget of the video receiver").isEqualTo(List.of(0L, 0L));
        // the page reports what it decodes on state_reliable, once a second
        waitFor(page, "video_stats at the robot", d -> control.stream()
                .filter(ControlMessage.VideoStats.class::isInstance).map(ControlMessage.VideoStats.class::cast)
                .anyMatch(v -> v.fps().orElse(0) > 0 && v.kbps().orElse(0) > 0));
        waitFor(page, "telemetry shown", d -> d.findElement(By.id("telemetry")).getText().contains("posture"));
        waitFor(page, "odometry shown", d -> !d.findElement(By.id("odom")).getText().equals("—"));
        screenshot(page, "operator-page.png");
        assertThat(robotErrors).as("robot send errors").isEmpty();
    }

    // ------------------------------------------------------------------ setup

    private void startBrokerAndRobot(Path dir, boolean video) {
        broker = BrokerServer.start(BrokerOptions.defaults().withPort(0).withDataDir(dir)
                .withDevToken(TOKEN, OPERATOR)).block(STEP);
        RobotKey key = broker.createRobotKey(OPERATOR, "e2e", "e2e-robot").block(STEP);
        robot = Teleflux.robot(BrokerConfig.of(key.apiKey())
                        .withBrokerUrl(broker.baseUri())
                        .withRobotId("e2e-robot")
                        .withRobotName("e2e robot")
                        .withHeartbeat(Duration.ofMillis(200))
                        .withVideo(video))
                .connect()
                .block(STEP);
    }

    private WebDriver openPageAndJoin() {
        chromium = HeadlessChromium.start();
        WebDriver page = chromium.driver();
        page.get(broker.baseUri().resolve("/").toString());
        waitFor(page, "login form", ExpectedConditions.visibilityOfElementLocated(By.id("token")));
        page.findElement(By.id("token")).sendKeys("not-the-token");
        page.findElement(By.id("login")).click();
        waitFor(page, "a clear error for a wrong token", d -> d.findElement(By.id("error")).isDisplayed()
                && d.findElement(By.id("error-text")).getText().contains("401"));
        assertThat(page.findElement(By.id("sessions-view")).isDisplayed()).isFalse();
        page.findElement(By.id("error-close")).click();
        ((JavascriptExecutor) page).executeScript("window.teleflux.errors.length = 0;");
        page.findElement(By.id("token")).clear();
        page.findElement(By.id("token")).sendKeys(TOKEN);
        page.findElement(By.id("login")).click();
        waitFor(page, "the robot in the session list",
                ExpectedConditions.elementToBeClickable(By.cssSelector("#sessions button.join")));
        assertThat(page.findElement(By.id("error")).isDisplayed()).as("error banner after login").isFalse();
        page.findElement(By.cssSelector("#sessions button.join")).click();
        JavascriptExecutor js = (JavascriptExecutor) page;
        waitFor(page, "connected", d -> {
            Object errors = js.executeScript("return window.teleflux.errors.join('\\n');");
            assertThat(errors).as("page errors while joining").isEqualTo("");
            return "connected".equals(js.executeScript("return window.teleflux.phase;"));
        });
        return page;
    }

    // ------------------------------------------------------------------ page helpers

    private static <T> T waitFor(WebDriver page, String what, java.util.function.Function<WebDriver, T> condition) {
        return new WebDriverWait(page, STEP).withMessage(what).until(condition);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> sentLog(JavascriptExecutor js) {
        return new ArrayList<>((List<Map<String, Object>>) js.executeScript("return window.teleflux.sent.log;"));
    }

    private static long framesDecoded(JavascriptExecutor js) {
        Object n = js.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "window.teleflux.framesDecoded().then(done, () => done(0));");
        return ((Number) n).longValue();
    }

    private static void screenshot(WebDriver page, String name) throws IOException {
        Path dir = Path.of(System.getProperty("teleflux.browser.screenshotDir", "target"));
        Files.createDirectories(dir);
        Path file = ((org.openqa.selenium.TakesScreenshot) page).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(file, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        log.info("screenshot: {}", dir.resolve(name));
    }
}
