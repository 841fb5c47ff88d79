package io.teleflux.samples.go2;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Debian's headless Chromium driven by Debian's chromedriver ({@code webdriver.chrome.driver}, default
 * {@code /usr/bin/chromedriver}; {@code teleflux.chromium}, default {@code /usr/bin/chromium}): both paths explicit,
 * so Selenium Manager never runs. A fresh profile, deleted on close; flags that keep Chromium off the network and
 * let its WebRTC use the namespace's veth address (no mDNS host-name hiding).
 */
final class HeadlessChromium implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HeadlessChromium.class);
    /** Selenium warns (java.util.logging) that it has no CDP bindings; no CDP is used. Held so the level sticks. */
    private static final java.util.logging.Logger CDP_LOG =
            java.util.logging.Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

    static {
        CDP_LOG.setLevel(java.util.logging.Level.SEVERE);
    }

    private final Path profile;
    private final ChromeDriver driver;

    private HeadlessChromium(Path profile, ChromeDriver driver) {
        this.profile = profile;
        this.driver = driver;
    }

    static HeadlessChromium start() {
        File driverExe = new File(System.getProperty("webdriver.chrome.driver", "/usr/bin/chromedriver"));
        File browserExe = new File(System.getProperty("teleflux.chromium", "/usr/bin/chromium"));
        if (!driverExe.canExecute() || !browserExe.canExecute()) {
            throw new IllegalStateException("the Chromium test needs Debian's chromium and chromium-driver ("
                    + browserExe + ", " + driverExe + "): apt-get install chromium chromium-driver");
        }
        Path profile;
        try {
            profile = Files.createTempDirectory("teleflux-go2-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browserExe);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-features=WebRtcHideLocalIpsWithMdns", "--autoplay-policy=no-user-gesture-required",
                "--window-size=1280,900", "--user-data-dir=" + profile);
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(driverExe)
                .usingAnyFreePort()
                .build();
        try {
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
            return new HeadlessChromium(profile, driver);
        } catch (RuntimeException e) {
            deleteTree(profile);
            throw e;
        }
    }

    ChromeDriver driver() {
        return driver;
    }

    @Override
    public void close() {
        try {
            for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
                log.info("console {} {}", entry.getLevel(), entry.getMessage());
            }
        } catch (RuntimeException e) {
            log.debug("no browser console log: {}", e.toString());
        } finally {
            try {
                driver.quit();
            } finally {
                deleteTree(profile);
            }
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            log.warn("could not delete the Chromium profile {}: {}", dir, e.toString());
        }
    }
}
