package io.teleflux.bench.chromium;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Debian's headless Chromium driven by Debian's chromedriver, with a fresh profile deleted on close. The paths are
 * explicit ({@code webdriver.chrome.driver}, default {@code /usr/bin/chromedriver}; {@code teleflux.chromium},
 * default {@code /usr/bin/chromium}), so Selenium Manager never runs and nothing is downloaded. The flags keep
 * Chromium off the network (no background requests, no QUIC, no mDNS host-name hiding). The fake, auto-granted
 * media devices let the page take the microphone permission without which Chromium gathers ICE candidates only on
 * the default route's interface (a private network namespace has no default route).
 */
final class HeadlessChromium implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HeadlessChromium.class);
    /** Selenium warns (java.util.logging) that it has no CDP bindings for this version; CDP is not used. */
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

    static File driverExecutable() {
        return new File(System.getProperty("webdriver.chrome.driver", "/usr/bin/chromedriver"));
    }

    static File browserExecutable() {
        return new File(System.getProperty("teleflux.chromium", "/usr/bin/chromium"));
    }

    /** Whether Debian's chromium and chromium-driver (or the configured paths) are installed. */
    static boolean installed() {
        return driverExecutable().canExecute() && browserExecutable().canExecute();
    }

    static HeadlessChromium start() {
        File driverExe = driverExecutable();
        File browserExe = browserExecutable();
        if (!installed()) {
            throw new IllegalStateException("the chromium target needs Debian's chromium and chromium-driver ("
                    + browserExe + ", " + driverExe + "): apt-get install chromium chromium-driver");
        }
        Path profile;
        try {
            profile = Files.createTempDirectory("teleflux-bench-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browserExe);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-features=WebRtcHideLocalIpsWithMdns", "--use-fake-ui-for-media-stream",
                "--use-fake-device-for-media-stream", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(driverExe)
                .usingAnyFreePort()
                .build();
        try {
            ChromeDriver driver = new ChromeDriver(service, options);
            log.info("started {} {}", browserExe, driver.getCapabilities().getBrowserVersion());
            return new HeadlessChromium(profile, driver);
        } catch (RuntimeException e) {
            deleteTree(profile);
            throw e;
        }
    }

    ChromeDriver driver() {
        return driver;
    }

    String version() {
        return driver.getCapabilities().getBrowserVersion();
    }

    @Override
    public void close() {
        try {
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
