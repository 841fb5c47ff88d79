package io.teleflux.webrtc;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A headless Debian Chromium driven by Debian's chromedriver, with a fresh profile that is deleted on close.
 *
 * <p>The driver and browser paths are explicit ({@code webdriver.chrome.driver}, default {@code /usr/bin/chromedriver};
 * {@code teleflux.chromium}, default {@code /usr/bin/chromium}), so Selenium Manager never runs and nothing is
 * downloaded. The flags keep Chromium off the network (no background requests, no QUIC, no mDNS host-name hiding)
 * so its peer connections meet a Java peer on the namespace's veth address. Shared through this module's test-jar
 * by every module whose tests drive Chromium (the operator page, the Go2 demo).
 */
public final class HeadlessChromium implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HeadlessChromium.class);
    /**
     * Selenium warns through java.util.logging that it has no CDP bindings for this Chromium; the tests do not use
     * CDP (only the selenium-chrome-driver artifact is on the classpath). Held strongly so the level sticks.
     */
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

    /** Starts Chromium; fails with the path in the message if chromium or chromedriver is not installed. */
    public static HeadlessChromium start() {
        File driverExe = new File(System.getProperty("webdriver.chrome.driver", "/usr/bin/chromedriver"));
        File browserExe = new File(System.getProperty("teleflux.chromium", "/usr/bin/chromium"));
        if (!driverExe.canExecute() || !browserExe.canExecute()) {
            throw new IllegalStateException("Chromium tests need Debian's chromium and chromium-driver ("
                    + browserExe + ", " + driverExe + "): apt-get install chromium chromium-driver");
        }
        Path profile;
        try {
            profile = Files.createTempDirectory("teleflux-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browserExe);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-features=WebRtcHideLocalIpsWithMdns", "--autoplay-policy=no-user-gesture-required",
                "--window-size=1280,900", "--user-data-dir=" + profile);
        options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(driverExe)
                .usingAnyFreePort()
                .build();
        try {
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
            log.info("started {} ({})", browserExe, driver.getCapabilities().getBrowserVersion());
            return new HeadlessChromium(profile, driver);
        } catch (RuntimeException e) {
            deleteTree(profile);
            throw e;
        }
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** Writes the page's console messages collected since the last call to this class's log. */
    public void logConsole() {
        try {
            for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
                log.info("console {} {}", entry.getLevel(), entry.getMessage());
            }
        } catch (RuntimeException e) {
            log.debug("no browser console log: {}", e.toString());
        }
    }

    @Override
    public void close() {
        try {
            logConsole();
            driver.quit();
        } finally {
            deleteTree(profile);
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
