package io.teleflux.samples.go2;

import io.teleflux.webrtc.HeadlessChromium;
import static org.assertj.core.api.Assertions.assertThat;

import io.teleflux.Channels;
import io.teleflux.codecs.json.ControlMessage;
import io.teleflux.codecs.json.ControlMessage.OperatorLost;
import io.teleflux.codecs.json.ControlMessages;
import io.teleflux.webrtc.NetworkNamespace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * The one-command demo end to end, in real Chromium: the demo's components in this JVM (the embedded broker with its
 * WebRTC relay and operator page; the simulated Go2 on the broker provider, camera on), and headless Chromium that
 * logs in with the demo's token, joins, drives with the forward key, E-stops, is refused while E-stopped, clears,
 * and leaves. Runs only inside a private network namespace:
 * {@code ./teleflux netns mvn -o -B -pl samples/go2 verify -Dtest=DemoChromiumE2eTest}.
 */
@ExtendWith(NetworkNamespace.class)
class DemoChromiumE2eTest {

    private static final Logger log = LoggerFactory.getLogger(DemoChromiumE2eTest.class);
    private static final Duration STEP = Duration.ofSeconds(30);
    private static final Duration HOLD = Duration.ofSeconds(2);
    private static final Duration ESTOP_BUDGET = Duration.ofMillis(200);
    /** A 64×48 grey thumbnail of the video element's current frame, drawn through a canvas. */
    private static final String VIDEO_THUMBNAIL = String.join("\n",
            "const v = document.getElementById('video');",
            "if (!v || !v.videoWidth) return null;",
            "const c = document.createElement('canvas'); c.width = 64; c.height = 48;",
            "const g = c.getContext('2d'); g.drawImage(v, 0, 0, 64, 48);",
            "const d = g.getImageData(0, 0, 64, 48).data; const out = [];",
            "for (let i = 0; i < d.length; i += 4) out.push((d[i] * 299 + d[i + 1] * 587 + d[i + 2] * 114) / 1000 | 0);",
            "return out;");

    private Demo demo;
    private HeadlessChromium chromium;
    private Disposable listening;

    @AfterEach
    void stop() {
        if (listening != null) {
            listening.dispose();
        }
        if (chromium != null) {
            chromium.close();
        }
        if (demo != null) {
            demo.close();
        }
    }

    @Test
    void operatorDrivesTheSimulatedGo2FromThePageInChromium() throws IOException {
        demo = Demo.start("127.0.0.1", 0, Go2Options.defaults());
        Go2Robot robot = demo.robot();
        List<ControlMessage> control = new CopyOnWriteArrayList<>();
        listening = demo.session().receive(Channels.STATE_RELIABLE, ControlMessages.TYPE).subscribe(control::add);

        WebDriver page = openPageAndJoin();
        JavascriptExecutor js = (JavascriptExecutor) page;
        waitFor(page, "clock sync (pongs from the robot)",
                d -> Boolean.TRUE.equals(js.executeScript("return !!(window.teleflux.clock && window.teleflux.clock.synced);")));
        waitFor(page, "the robot's video plays", d -> ((Number) js.executeScript(
                "return document.getElementById('video').currentTime;")).doubleValue() > 0.5);
        waitFor(page, "telemetry shown", d -> d.findElement(By.id("telemetry")).getText().contains("posture"));
        List<Long> before = thumbnail(js);
        assertThat(spread(before)).as("the camera picture is not blank").isGreaterThan(10);

        // hold the forward key for 2 s; the page sends 80 Hz twists at its forward speed
        double speed = ((Number) js.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "import('./drive.js').then(m => done(m.DEFAULT_SPEEDS.linear), () => done(0));")).doubleValue();
        double x0 = robot.pose().x();
        long pressed = System.nanoTime();
        new Actions(page).keyDown("w").perform();
        Mono.delay(HOLD.dividedBy(2)).block();
        screenshot(page);                                  // the page while driving
        Mono.delay(Duration.ofNanos(Math.max(0, pressed + HOLD.toNanos() - System.nanoTime()))).block();
        double x2 = robot.pose().x();
        new Actions(page).keyUp("w").perform();
        double dx = x2 - x0;
        log.info(String.format(Locale.ROOT, "forward key held 2 s at the page's %.2f m/s: x %.3f -> %.3f (+%.3f m)",
                speed, x0, x2, dx));
        // the robot runs at the page's speed within 250 ms of the key press (Selenium, the 80 Hz tick, the relay)
        assertThat(dx).as("x after holding the forward key for 2 s at %s m/s", speed)
                .isBetween(speed * (HOLD.toMillis() - 250) / 1000.0, speed * HOLD.toMillis() / 1000.0 + 0.05);
        assertThat(dx).as("the issue's bar: x grows by at least 1 m in 2 s").isGreaterThanOrEqualTo(1.0);
        awaitTrue("the release edge stops the robot", () -> !robot.moving());

        // the picture the page receives changes as the robot moves
        waitFor(page, "the video shows the new pose", d -> meanDifference(before, thumbnail(js)) > 2.0);
        log.info(String.format(Locale.ROOT, "video thumbnail mean difference after the drive: %.1f grey levels",
                meanDifference(before, thumbnail(js))));

        // E-stop while driving: motion stops within 200 ms
        new Actions(page).keyDown("w").perform();
        awaitTrue("moving again", robot::moving);
        long estopAt = System.nanoTime();
        new Actions(page).sendKeys(Keys.SPACE).perform();
        awaitTrue("motion stops after the E-stop", () -> !robot.moving());
        Duration stopTime = Duration.ofNanos(System.nanoTime() - estopAt);
        awaitTrue("the E-stop latched at the robot", robot::estopped);
        Duration latchTime = Duration.ofNanos(System.nanoTime() - estopAt);
        log.info("E-stop: motion stopped {} ms, E-stop latched {} ms after the Space key was sent",
                stopTime.toMillis(), latchTime.toMillis());
        assertThat(stopTime).as("time from the E-stop key to the robot standing still").isLessThan(ESTOP_BUDGET);
        assertThat(latchTime).as("time from the E-stop key to the latched E-stop").isLessThan(ESTOP_BUDGET);
        waitFor(page, "estop ack shown", d -> d.findElement(By.id("acks")).getText().contains("estop: ok"));

        // refused until cleared: the page blocks the drive key, and the robot refuses what reaches it anyway
        double xStopped = robot.pose().x();
        long sentBefore = ((Number) js.executeScript("return window.teleflux.sent.count;")).longValue();
        new Actions(page).keyUp("w").keyDown("w").perform();   // the E-stop cleared the held keys: press again
        waitFor(page, "driving blocked while E-stopped",
                d -> d.findElement(By.id("drive-state")).getText().contains("blocked"));
        long whileEstopped = robot.stats().whileEstopped();
        js.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "import('./lcm.js').then(m => {"
                + "  const t = window.teleflux;"
                + "  for (let i = 0; i < 5; i++) {"
                + "    const s = m.stampFromMillis(t.clock.robotTimeMs(Date.now()));"
                + "    t.link.send('cmd_unreliable', m.encodeTwistStamped({seq: 1000000 + i, sec: s.sec, nsec: s.nsec,"
                + "      frameId: 'keyboard', linear: {x: 1, y: 0, z: 0}, angular: {x: 0, y: 0, z: 0}}));"
                + "  }"
                + "  t.link.send('state_reliable', JSON.stringify({type: 'sport_cmd', name: 'StandUp', nonce: 'e2e-standup'}));"
                + "  done(true);"
                + "}, e => done(String(e)));");
        awaitTrue("twists sent around the page's latch are refused by the robot",
                () -> robot.stats().whileEstopped() > whileEstopped);
        waitFor(page, "sport_cmd refused while E-stopped", d -> Boolean.TRUE.equals(js.executeScript(
                "return window.teleflux.acks.some(a => a.nonce === 'e2e-standup' && a.ok === false);")));
        new Actions(page).keyUp("w").perform();
        assertThat(robot.pose().x()).as("x while E-stopped").isEqualTo(xStopped);
        assertThat(((Number) js.executeScript("return window.teleflux.sent.count;")).longValue())
                .as("drive commands the page sent while E-stopped").isEqualTo(sentBefore);

        // clearing the E-stop lets the robot drive again
        page.findElement(By.id("estop-clear")).click();
        awaitTrue("the E-stop cleared at the robot", () -> !robot.estopped());
        waitFor(page, "estop_clear ack shown", d -> d.findElement(By.id("acks")).getText().contains("estop_clear: ok"));
        new Actions(page).keyDown("w").perform();
        awaitTrue("moving after the clear", robot::moving);
        new Actions(page).keyUp("w").perform();
        awaitTrue("stopped on release", () -> !robot.moving());
        assertThat(robot.pose().x()).as("x after driving again").isGreaterThan(xStopped);

        // leave: operator_lost reaches the robot, which stays stopped
        page.findElement(By.id("leave")).click();
        StepVerifier.create(Flux.interval(Duration.ofMillis(20))
                        .filter(tick -> control.stream().anyMatch(OperatorLost.class::isInstance)).take(1))
                .expectNextCount(1)
                .expectComplete()
                .verify(STEP);
        waitFor(page, "the session list after leaving",
                ExpectedConditions.visibilityOfElementLocated(By.id("sessions-view")));
        assertThat(robot.moving()).isFalse();
        assertThat((List<?>) js.executeScript("return window.teleflux.errors;")).as("errors shown on the page").isEmpty();
        log.info("robot after the run: {}", robot.stats());
    }

    // ------------------------------------------------------------------ page

    private WebDriver openPageAndJoin() {
        chromium = HeadlessChromium.start();
        WebDriver page = chromium.driver();
        page.get(demo.operatorUrl().toString());
        waitFor(page, "login form", ExpectedConditions.visibilityOfElementLocated(By.id("token")));
        page.findElement(By.id("token")).sendKeys(demo.token());
        page.findElement(By.id("login")).click();
        waitFor(page, "the Go2 in the session list",
                ExpectedConditions.elementToBeClickable(By.cssSelector("#sessions button.join")));
        assertThat(page.findElement(By.id("sessions")).getText()).contains("go2 (simulated)");
        page.findElement(By.cssSelector("#sessions button.join")).click();
        JavascriptExecutor js = (JavascriptExecutor) page;
        waitFor(page, "connected", d -> {
            assertThat(js.executeScript("return window.teleflux.errors.join('\\n');")).as("page errors").isEqualTo("");
            return "connected".equals(js.executeScript("return window.teleflux.phase;"));
        });
        assertThat(js.executeScript("return window.teleflux.link.videoStatus;")).isEqualTo("ok");
        return page;
    }

    private static <T> T waitFor(WebDriver page, String what, java.util.function.Function<WebDriver, T> condition) {
        return new WebDriverWait(page, STEP, Duration.ofMillis(50)).withMessage(what).until(condition);
    }

    /** Waits (polling every 2 ms, at most {@link #STEP}) until {@code condition} holds. */
    private static void awaitTrue(String what, BooleanSupplier condition) {
        StepVerifier.create(Flux.interval(Duration.ofMillis(2)).onBackpressureDrop()
                        .filter(tick -> condition.getAsBoolean()).take(1))
                .as(what)
                .expectNextCount(1)
                .expectComplete()
                .verify(STEP);
    }

    @SuppressWarnings("unchecked")
    private static List<Long> thumbnail(JavascriptExecutor js) {
        List<Long> grey = (List<Long>) js.executeScript(VIDEO_THUMBNAIL);
        assertThat(grey).as("a decoded video frame").isNotNull().hasSize(64 * 48);
        return grey;
    }

    private static long spread(List<Long> grey) {
        return grey.stream().mapToLong(Long::longValue).max().orElse(0)
                - grey.stream().mapToLong(Long::longValue).min().orElse(0);
    }

    private static double meanDifference(List<Long> a, List<Long> b) {
        double sum = 0;
        for (int i = 0; i < a.size(); i++) {
            sum += Math.abs(a.get(i) - b.get(i));
        }
        return sum / a.size();
    }

    /** Writes target/operator-page.png, and a copy for the README to docs/operator-page.png. */
    private static void screenshot(WebDriver page) throws IOException {
        Path shot = ((TakesScreenshot) page).getScreenshotAs(OutputType.FILE).toPath();
        Path target = Path.of(System.getProperty("teleflux.screenshotDir", "target"));
        Files.createDirectories(target);
        Files.copy(shot, target.resolve("operator-page.png"), StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(target.resolve("operator-page.png"), PosixFilePermissions.fromString("rw-r--r--"));
        String docs = System.getProperty("teleflux.docsDir");
        if (docs != null) {
            Files.createDirectories(Path.of(docs));
            Path copy = Files.copy(shot, Path.of(docs, "operator-page.png"), StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-r--r--"));
        }
        log.info("screenshot: {}", target.resolve("operator-page.png"));
    }
}
