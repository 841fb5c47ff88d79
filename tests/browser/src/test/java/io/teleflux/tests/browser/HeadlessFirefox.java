package io.teleflux.tests.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Debian's headless Firefox ESR driven over WebDriver BiDi, which Firefox serves itself: no geckodriver. Firefox is
 * started with {@code --remote-debugging-port 0} on a fresh profile; it prints the BiDi WebSocket address on stderr
 * ({@code WebDriver BiDi listening on ws://127.0.0.1:<port>}), this class connects to {@code <address>/session},
 * makes a session ({@code session.new}), subscribes to the page's console ({@code log.entryAdded}) and drives the
 * first tab: {@code browsingContext.navigate}, {@code script.evaluate}, {@code input.performActions} (trusted key and
 * mouse events). {@link #close} ends the browser, kills what is left of its process tree and deletes the profile.
 *
 * <p>The browser path is {@code teleflux.firefox} (default {@code /usr/bin/firefox-esr}, Debian package
 * {@code firefox-esr}). The profile's {@code user.js} keeps Firefox off the network (no updates, telemetry, remote
 * settings, safe browsing, captive-portal or connectivity checks) and lets WebRTC meet a peer on the namespace's
 * veth address: host candidates are not hidden behind mDNS names, the page's origin has the camera and microphone
 * permissions (without which Firefox gathers only on the default route's interface, and the namespace has no default
 * route), and muted video may autoplay.
 */
final class HeadlessFirefox implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HeadlessFirefox.class);
    private static final Pattern LISTENING = Pattern.compile("WebDriver BiDi listening on (ws://\\S+)");
    private static final String KEYBOARD = "teleflux-keyboard";
    private static final String MOUSE = "teleflux-mouse";
    /**
     * Default site permissions (the profile's {@code permissions.manager.defaultsUrl}): camera and microphone for the
     * page's origin. Without a capture permission (or a live capture), Firefox gathers ICE candidates only on the
     * interface of the default route, and a private network namespace has no default route, so a peer connection
     * would gather nothing. A machine with a network needs no such permission.
     */
    private static final String PERMISSIONS_FILE = "teleflux-permissions.txt";

    /** Profile preferences (user.js): offline-friendly, automation-friendly, WebRTC on host candidates. */
    private static final List<String> PREFS = List.of(
            // WebRTC: real host addresses (no mDNS .local names, which would multicast), autoplay of the muted video
            "media.peerconnection.ice.obfuscate_host_addresses", "false",
            "media.peerconnection.ice.default_address_only", "false",
            "media.peerconnection.ice.no_host", "false",
            "media.autoplay.default", "0",
            "media.autoplay.blocking_policy", "0",
            // no first-run, welcome or what's-new pages, no default-browser question
            "browser.shell.checkDefaultBrowser", "false",
            "browser.startup.page", "0",
            "browser.startup.homepage_override.mstone", "\"ignore\"",
            "startup.homepage_welcome_url", "\"about:blank\"",
            "startup.homepage_welcome_url.additional", "\"\"",
            "browser.aboutwelcome.enabled", "false",
            "trailhead.firstrun.didSeeAboutWelcome", "true",
            "browser.newtabpage.enabled", "false",
            "datareporting.policy.firstRunURL", "\"\"",
            "datareporting.policy.dataSubmissionPolicyBypassNotification", "true",
            // no telemetry, studies, updates or downloads of plugins (the OpenH264 plugin cannot be fetched here)
            "datareporting.policy.dataSubmissionEnabled", "false",
            "datareporting.healthreport.uploadEnabled", "false",
            "toolkit.telemetry.enabled", "false",
            "toolkit.telemetry.unified", "false",
            "toolkit.telemetry.server", "\"\"",
            "app.normandy.enabled", "false",
            "app.shield.optoutstudies.enabled", "false",
            "messaging-system.rsexperimentloader.enabled", "false",
            "app.update.enabled", "false",
            "app.update.auto", "false",
            "extensions.update.enabled", "false",
            "extensions.getAddons.cache.enabled", "false",
            "media.gmp-manager.updateEnabled", "false",
            "media.gmp-manager.url", "\"\"",
            // no background connections: remote settings, safe browsing, captive portal, connectivity, prefetching
            "services.settings.server", "\"data:,#remote-settings-disabled\"",
            "browser.safebrowsing.malware.enabled", "false",
            "browser.safebrowsing.phishing.enabled", "false",
            "browser.safebrowsing.downloads.enabled", "false",
            "browser.safebrowsing.update.enabled", "false",
            "network.captive-portal-service.enabled", "false",
            "network.connectivity-service.enabled", "false",
            "network.dns.disablePrefetch", "true",
            "network.prefetch-next", "false",
            "network.predictor.enabled", "false",
            "browser.search.update", "false",
            "browser.ping-centre.telemetry", "false",
            "browser.newtabpage.activity-stream.feeds.telemetry", "false",
            "browser.newtabpage.activity-stream.telemetry", "false",
            "browser.topsites.contile.enabled", "false");

    private final Process process;
    private final Path profile;
    private final BiDiConnection bidi;
    private final String context;
    private final String version;
    private final Duration timeout;

    private HeadlessFirefox(Process process, Path profile, BiDiConnection bidi, String context, String version,
            Duration timeout) {
        this.process = process;
        this.profile = profile;
        this.bidi = bidi;
        this.context = context;
        this.version = version;
        this.timeout = timeout;
    }

    static Path executable() {
        return Path.of(System.getProperty("teleflux.firefox", "/usr/bin/firefox-esr"));
    }

    /** Whether Debian's firefox-esr (or the configured path) is installed. */
    static boolean installed() {
        return Files.isExecutable(executable());
    }

    /**
     * Starts Firefox and opens a BiDi session; {@code timeout} bounds the start and every later BiDi command.
     * {@code site}'s origin is granted the camera and microphone permissions (see {@link #PERMISSIONS_FILE}).
     */
    static HeadlessFirefox start(Duration timeout, URI site) {
        Path exe = executable();
        if (!Files.isExecutable(exe)) {
            throw new IllegalStateException("Firefox tests need Debian's firefox-esr (" + exe + "): apt-get install firefox-esr");
        }
        Path profile;
        try {
            profile = Files.createTempDirectory("teleflux-firefox-");
            Path permissions = profile.resolve(PERMISSIONS_FILE);
            Files.writeString(permissions, "origin\tmicrophone\t1\t" + origin(site) + "\norigin\tcamera\t1\t"
                    + origin(site) + "\n", StandardCharsets.UTF_8);
            Files.writeString(profile.resolve("user.js"), userJs() + "user_pref(\"permissions.manager.defaultsUrl\", \""
                    + permissions.toUri() + "\");\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Process process = null;
        BiDiConnection bidi = null;
        try {
            ProcessBuilder builder = new ProcessBuilder(exe.toString(), "--headless", "--no-remote",
                    "--profile", profile.toString(), "--remote-debugging-port", "0", "--width", "1280", "--height", "900")
                    .redirectErrorStream(true);
            builder.environment().put("MOZ_CRASHREPORTER_DISABLE", "1");
            process = builder.start();
            URI endpoint = URI.create(awaitListening(process, timeout) + "/session");
            bidi = BiDiConnection.open(endpoint, timeout, HeadlessFirefox::onEvent);
            ObjectNode params = bidi.json().createObjectNode();
            params.putObject("capabilities").putObject("alwaysMatch").put("acceptInsecureCerts", false);
            JsonNode session = bidi.send("session.new", params);
            String version = session.path("capabilities").path("browserVersion").asText("?");
            ObjectNode subscribe = bidi.json().createObjectNode();
            subscribe.putArray("events").add("log.entryAdded");
            bidi.send("session.subscribe", subscribe);
            JsonNode tree = bidi.send("browsingContext.getTree", bidi.json().createObjectNode());
            String context = tree.path("contexts").path(0).path("context").asText(null);
            if (context == null) {
                throw new IllegalStateException("Firefox has no browsing context: " + tree);
            }
            log.info("started {} {} (BiDi {}), profile {}", exe, version, endpoint, profile);
            return new HeadlessFirefox(process, profile, bidi, context, version, timeout);
        } catch (RuntimeException | IOException e) {
            if (bidi != null) {
                bidi.close();
            }
            if (process != null) {
                kill(process, Duration.ZERO);
            }
            deleteTree(profile);
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    private static String origin(URI uri) {
        return uri.getScheme() + "://" + uri.getAuthority();
    }

    private static String userJs() {
        StringBuilder js = new StringBuilder();
        for (int i = 0; i < PREFS.size(); i += 2) {
            js.append("user_pref(\"").append(PREFS.get(i)).append("\", ").append(PREFS.get(i + 1)).append(");\n");
        }
        return js.toString();
    }

    /**
     * Reads Firefox's output until it announces the BiDi address; a daemon thread keeps draining it to the log
     * afterwards (an undrained pipe would block Firefox).
     */
    private static String awaitListening(Process process, Duration timeout) {
        CompletableFuture<String> address = new CompletableFuture<>();
        Thread drain = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        address.complete(m.group(1));
                    }
                    log.debug("firefox: {}", line);
                }
            } catch (IOException e) {
                log.debug("firefox output: {}", e.toString());
            } finally {
                address.completeExceptionally(new IllegalStateException(
                        "Firefox ended without announcing its WebDriver BiDi address"));
            }
        }, "firefox-output");
        drain.setDaemon(true);
        drain.start();
        try {
            return address.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting Firefox", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Firefox did not announce its WebDriver BiDi address within " + timeout, e);
        }
    }

    /** The page's console messages (log.entryAdded) go to this class's log. */
    private static void onEvent(JsonNode event) {
        if ("log.entryAdded".equals(event.path("method").asText())) {
            JsonNode entry = event.path("params");
            log.info("console {} {}", entry.path("level").asText(), entry.path("text").asText());
        }
    }

    String version() {
        return version;
    }

    /** Navigates the tab and waits until the document has loaded. */
    void navigate(URI uri) {
        ObjectNode params = bidi.json().createObjectNode().put("context", context).put("url", uri.toString())
                .put("wait", "complete");
        bidi.send("browsingContext.navigate", params);
    }

    /**
     * Evaluates a JavaScript expression in the page (awaiting it if it is a promise) and returns its value as JSON
     * (through {@code JSON.stringify} in the page); {@link MissingNode} for {@code undefined}. A thrown exception
     * becomes an {@link AssertionError} with the page's message.
     */
    JsonNode eval(String expression) {
        JsonNode value = evaluate("(async () => JSON.stringify(await (" + expression + ")))()");
        if (!"string".equals(value.path("type").asText())) {
            return MissingNode.getInstance();
        }
        try {
            return bidi.json().readTree(value.path("value").asText());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The page's expression as a number. */
    double number(String expression) {
        return eval(expression).asDouble();
    }

    /** The page's expression as a string ({@code null} for null or undefined). */
    String text(String expression) {
        JsonNode v = eval(expression);
        return v.isTextual() ? v.asText() : v.isMissingNode() || v.isNull() ? null : v.toString();
    }

    /**
     * Waits, in the page, until {@code condition} (a JavaScript expression, may be a promise) is truthy, checking
     * every 50 ms; fails with {@code what} after {@code limit}.
     */
    void waitUntil(String what, String condition, Duration limit) {
        String poll = "new Promise((resolve) => { const end = performance.now() + " + limit.toMillis() + ";"
                + " const check = async () => { let ok = false, error = null;"
                + "   try { ok = !!(await (" + condition + ")); } catch (e) { error = String(e); }"
                + "   if (ok) resolve('ok'); else if (performance.now() > end) resolve(error || 'timeout');"
                + "   else setTimeout(check, 50); };"
                + " check(); })";
        // the BiDi command must outlive the in-page wait
        JsonNode result = evaluate(poll, limit.plus(timeout));
        if (!"ok".equals(result.path("value").asText())) {
            throw new AssertionError("timed out after " + limit + " waiting for " + what + " ("
                    + result.path("value").asText() + "): " + condition);
        }
    }

    private JsonNode evaluate(String expression) {
        return evaluate(expression, timeout);
    }

    private JsonNode evaluate(String expression, Duration limit) {
        ObjectNode params = bidi.json().createObjectNode().put("expression", expression).put("awaitPromise", true)
                .put("resultOwnership", "none");
        params.putObject("target").put("context", context);
        JsonNode result = bidi.send("script.evaluate", params, limit);
        if ("exception".equals(result.path("type").asText())) {
            throw new AssertionError("page script failed: " + result.path("exceptionDetails").path("text").asText()
                    + " in " + expression);
        }
        return result.path("result");
    }

    /** Presses (and holds) a key: a trusted keydown, as from a real keyboard. */
    void keyDown(String key) {
        keys("keyDown", key);
    }

    /** Releases a key pressed with {@link #keyDown}. */
    void keyUp(String key) {
        keys("keyUp", key);
    }

    private void keys(String type, String key) {
        ObjectNode params = bidi.json().createObjectNode().put("context", context);
        ArrayNode sources = params.putArray("actions");
        ObjectNode keyboard = sources.addObject().put("type", "key").put("id", KEYBOARD);
        keyboard.putArray("actions").addObject().put("type", type).put("value", key);
        bidi.send("input.performActions", params);
    }

    /** Clicks the centre of the first element matching the CSS selector with the (trusted) mouse. */
    void click(String selector) {
        // into view first: an element-origin pointer move does not scroll, and a click outside the viewport is lost
        JsonNode node = evaluate("(() => { const e = document.querySelector("
                + bidi.json().getNodeFactory().textNode(selector) + "); if (e) e.scrollIntoView({block: 'center'});"
                + " return e; })()");
        String sharedId = node.path("sharedId").asText(null);
        if (!"node".equals(node.path("type").asText()) || sharedId == null) {
            throw new AssertionError("no element " + selector + " to click: " + node);
        }
        ObjectNode params = bidi.json().createObjectNode().put("context", context);
        ObjectNode mouse = params.putArray("actions").addObject().put("type", "pointer").put("id", MOUSE);
        mouse.putObject("parameters").put("pointerType", "mouse");
        ArrayNode steps = mouse.putArray("actions");
        ObjectNode move = steps.addObject().put("type", "pointerMove").put("x", 0).put("y", 0);
        move.putObject("origin").put("type", "element").putObject("element").put("sharedId", sharedId);
        steps.addObject().put("type", "pointerDown").put("button", 0);
        steps.addObject().put("type", "pointerUp").put("button", 0);
        bidi.send("input.performActions", params);
    }

    /** Saves a PNG of the tab's viewport ({@code browsingContext.captureScreenshot}). */
    void screenshot(Path file) {
        JsonNode shot = bidi.send("browsingContext.captureScreenshot", bidi.json().createObjectNode().put("context", context));
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, java.util.Base64.getDecoder().decode(shot.path("data").asText()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Closes the browser ({@code browser.close}), then kills whatever is left of its process tree, and deletes the
     * profile.
     */
    @Override
    public void close() {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        try {
            bidi.send("browser.close", bidi.json().createObjectNode());
        } catch (RuntimeException e) {
            log.debug("browser.close: {}", e.toString());
        } finally {
            bidi.close();
            tree.addAll(process.descendants().toList());
            kill(process, timeout);
            for (ProcessHandle p : tree) {
                if (p.isAlive()) {
                    log.debug("killing left-over Firefox process {}", p.pid());
                    p.destroyForcibly();
                }
            }
            deleteTree(profile);
        }
    }

    /** Waits at most {@code grace} for the process to end, then forces it and its descendants. */
    private static void kill(Process process, Duration grace) {
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS) && !grace.isZero()) {
                log.warn("Firefox did not exit within {}; killing it", grace);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<ProcessHandle> tree = process.descendants().toList();
        process.destroyForcibly();
        tree.forEach(ProcessHandle::destroyForcibly);
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            log.warn("could not delete the Firefox profile {}: {}", dir, e.toString());
        }
    }
}
