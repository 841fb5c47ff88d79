package io.teleflux.tests.browser;

import io.teleflux.webrtc.HeadlessChromium;
import static org.assertj.core.api.Assertions.assertThat;

import io.teleflux.codecs.lcm.TwistStamped;
import io.teleflux.codecs.lcm.Vector3;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The operator page's pure modules (lcm.js, clock.js, drive.js, control.js) in real headless Chromium: the JS unit
 * tests in {@code unit/page-unit-tests.js} (reference TwistStamped test vector, section 3.6 clock-sync math, drive
 * loop rules), and a cross-check of the page's TwistStamped encoder against teleflux-codecs on random messages.
 *
 * <p>No WebRTC: the page is served from 127.0.0.1 by {@link PageServer}, so this runs in or out of a namespace.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PageUnitTest {

    private PageServer server;
    private HeadlessChromium chromium;

    @BeforeAll
    void start() {
        server = PageServer.serving("io/teleflux/tests/browser/unit/", PageServer.PAGE_ROOT);
        chromium = HeadlessChromium.start();
    }

    @AfterAll
    void stop() {
        if (chromium != null) {
            chromium.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @TestFactory
    Stream<DynamicTest> pageUnitTestsPassInChromium() {
        chromium.driver().get(server.uri("unit.html").toString());
        JavascriptExecutor js = chromium.driver();
        Object raw = new WebDriverWait(chromium.driver(), Duration.ofSeconds(20))
                .until(d -> js.executeScript("return window.unitResults || null;"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> results = (List<Map<String, Object>>) raw;
        assertThat(results).as("JS unit tests found").hasSizeGreaterThanOrEqualTo(23);
        return results.stream().map(r -> DynamicTest.dynamicTest(String.valueOf(r.get("name")),
                () -> assertThat(r.get("ok")).as("%s", r.get("error")).isEqualTo(Boolean.TRUE)));
    }

    @Test
    void pageEncoderIsByteIdenticalToTelefluxCodecs() {
        chromium.driver().get(server.uri("unit.html").toString());
        Random random = new Random(20261121);
        String[] frames = {"keyboard", "", "vr", "eef_twist_arm", "ünïcode ✓"};
        for (int i = 0; i < 200; i++) {
            int seq = random.nextInt() & 0x7fffffff;
            int sec = random.nextInt();
            int nsec = random.nextInt(1_000_000_000);
            String frame = frames[i % frames.length];
            Vector3 linear = new Vector3(random.nextGaussian(), random.nextGaussian() * 1e-5, i);
            Vector3 angular = new Vector3(-random.nextDouble(), random.nextGaussian() * 1e12, 0.1 * i);
            byte[] java = TwistStamped.TYPE.encode(TwistStamped.of(seq, sec, nsec, frame, linear, angular));

            Map<String, Object> m = new LinkedHashMap<>();
            m.put("seq", seq);
            m.put("sec", sec);
            m.put("nsec", nsec);
            m.put("frameId", frame);
            m.put("linear", Map.of("x", linear.x(), "y", linear.y(), "z", linear.z()));
            m.put("angular", Map.of("x", angular.x(), "y", angular.y(), "z", angular.z()));
            Object hex = chromium.driver().executeAsyncScript("""
                    const msg = arguments[0], done = arguments[arguments.length - 1];
                    import('/lcm.js').then((lcm) => done(lcm.toHex(lcm.encodeTwistStamped(msg))),
                                           (e) => done('error: ' + e));
                    """, m);
            assertThat(hex).as("message %d (%s)", i, m).isEqualTo(HexFormat.of().formatHex(java));
        }
    }
}
