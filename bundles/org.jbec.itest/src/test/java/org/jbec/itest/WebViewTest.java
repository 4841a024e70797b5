package org.jbec.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.jbec.bus.api.Endpoints;
import org.jbec.bus.api.message.AlarmMessage;
import org.jbec.bus.api.message.ErrorInfo;
import org.jbec.bus.api.message.ScanMessage;
import org.jbec.bus.redis.internal.JedisConnector;

import org.jbec.test.support.Await;
import org.jbec.test.support.PrivateRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The web view end to end, as an operator uses it: {@code ./jbec start} with the demo session on a
 * private Redis and a free HTTP port, the page in Debian's headless Chromium, a scan run from the
 * shell drawn point by point, a second scan seen in the queue and stopped with the page's Abort
 * button. Prints the page load time and the latency from a scan point on the bus to its plot point;
 * leaves a screenshot in target/web-view.png.
 */
class WebViewTest {

    private static final Path ROOT = ItestRuntime.root();
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration SCAN_WITHIN = Duration.ofSeconds(60);

    @TempDir
    Path work;

    private int httpPort;
    private int redisPort;
    private ChromeDriver browser;
    private JedisConnector bus;

    @BeforeEach
    void start(org.junit.jupiter.api.TestInfo test) throws Exception {
        assertTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Debian's chromium and chromium-driver are installed (.ci/run installs them)");
        int[] ports = PrivateRedis.freePorts(2);
        httpPort = ports[0];
        redisPort = ports[1];
        Files.writeString(work.resolve("servers.yaml"), "redis:\n  host: localhost\n  port: " + redisPort
                + "\nlog_writer:\n  base_path: " + work.resolve("log") + "\n  levels:\n    io.jhdf: ERROR\n"
                + "file_writer:\n  base_path: " + work.resolve("data") + "\n"
                + (test.getTags().contains("acl") ? "enforce_acls: true\n" : ""));
        Files.copy(ROOT.resolve("config/demo.yaml"), work.resolve("devices.yaml"), StandardCopyOption.REPLACE_EXISTING);
        // a slow motor (2 mm/s), so that its motion lasts long enough to be watched
        Files.writeString(work.resolve("devices.yaml"), "\nslowz:\n  readoutPriority: baseline\n"
                + "  deviceClass: ophyd_devices.SimPositioner\n  deviceConfig:\n    limits: [-50, 50]\n"
                + "    tolerance: 0.01\n    velocity: 2\n  enabled: true\n  readOnly: false\n",
                StandardOpenOption.APPEND);
        jbec("start");
        assertWebViewServes();
    }

    /** The page is served on httpPort once {@code jbec start} returns; else the daemon's output says why. */
    private void assertWebViewServes() throws IOException, InterruptedException {
        HttpResponse<String> index;
        try {
            index = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + httpPort + "/jbec/ui/index.html")).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("the web view does not answer on port " + httpPort + " (" + e + "); daemon output:\n"
                    + Files.readString(work.resolve("var/log/console.out"), StandardCharsets.UTF_8), e);
        }
        assertEquals(200, index.statusCode(), index.body());
    }

    @AfterEach
    void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (bus != null) {
            bus.close();
        }
        jbec("stop");
    }

    private String jbec(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("jbec").toString(), "--config",
                work.resolve("servers.yaml").toString(), "--devices", work.resolve("devices.yaml").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(work.resolve("jbec-" + args[0] + ".txt").toFile());
        pb.environment().remove("JBEC_REDIS");
        pb.environment().put("JBEC_VAR", work.resolve("var").toString());
        pb.environment().put("JBEC_JAVA_OPTS", "-Dorg.osgi.service.http.port=" + httpPort);
        Process p = pb.start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "jbec " + String.join(" ", args) + " finished");
        String out = Files.readString(work.resolve("jbec-" + args[0] + ".txt"), StandardCharsets.UTF_8);
        if (!args[0].equals("stop")) {
            assertEquals(0, p.exitValue(), out);
        }
        return out;
    }

    private ChromeDriver openBrowser() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1400,1000", "--user-data-dir=" + work.resolve("chromium"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                // its output (and Chromium's) to a file: never into the test JVM's streams, which surefire reads
                .usingAnyFreePort().withLogFile(work.resolve("chromedriver.log").toFile()).build();
        return new ChromeDriver(service, options);
    }

    private Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    /** Picks an option of a select on the page as a user does (the page hears the change). */
    private void choose(String selectId, String value) {
        js("const s = document.getElementById('" + selectId + "'); s.value = '" + value + "';"
                + " s.dispatchEvent(new Event('change'));");
    }

    private long number(String script) {
        Object value = js(script);
        return value instanceof Number n ? n.longValue() : -1;
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    /** Waits for a condition on the page; on timeout, a screenshot and the page's text say what it showed. */
    private void awaitPage(String what, Duration within, java.util.function.BooleanSupplier condition)
            throws Exception {
        try {
            Await.until(what, within, () -> {
                try {
                    return condition.getAsBoolean();
                } catch (org.openqa.selenium.StaleElementReferenceException
                        | org.openqa.selenium.NoSuchElementException reloaded) {
                    return false; // the page is reloading (after a login): the element is gone or not there yet
                }
            });
        } catch (AssertionError e) {
            Files.write(ROOT.resolve("bundles/org.jbec.itest/target/web-view-failure.png"),
                    browser.getScreenshotAs(OutputType.BYTES));
            throw new AssertionError(e.getMessage() + "; the page showed:\n"
                    + browser.findElement(By.tagName("body")).getText(), e);
        }
    }

    @Test
    void pageShowsScanPointsQueueAndAbortsARunningScan() throws Exception {
        // the test's own view of the bus: when each scan point was published (received here)
        bus = JedisConnector.open("127.0.0.1", redisPort);
        Map<String, Long> publishedMs = new ConcurrentHashMap<>();
        bus.subscribe(Endpoints.scanSegment(), e -> {
            long now = System.currentTimeMillis();
            e.messages().forEach(m -> {
                if (m instanceof ScanMessage p) {
                    publishedMs.putIfAbsent(p.scanId() + "/" + p.pointId(), now);
                }
            });
        });
        String address = "http://127.0.0.1:" + httpPort + "/jbec/";
        browser = openBrowser();
        long loadStart = System.nanoTime();
        browser.get(address);
        awaitPage("the page got its snapshot", Duration.ofSeconds(20),
                () -> js("return window.jbecMetrics && window.jbecMetrics.snapshotAt") != null);
        double pageLoadMs = (System.nanoTime() - loadStart) / 1e6;
        long loadEvent = number("return Math.round(performance.getEntriesByType('navigation')[0].loadEventEnd)");
        long snapshotAt = number("return Math.round(window.jbecMetrics.snapshotAt)");
        assertEquals("live", text("connection"));

        // a scan from the shell: every point on the plot, samx on x
        jbec("exec", "line_scan samx -2 2 --steps 21 --exp_time 0.01 --relative false");
        awaitPage("21 points drawn", SCAN_WITHIN, () -> number("return plot ? plot.data[0].length : 0") == 21);
        assertEquals("samx", text("x-device"));
        awaitPage("scan shown closed", SCAN_WITHIN, () -> text("scan-title").endsWith("closed"));
        assertEquals(21L, number("return new Set(plot.data[0].map(v => v.toFixed(2))).size"), "21 distinct positions");
        assertEquals(21L, number("return plot.data[1].filter(v => v !== null).length"), "a y value at every point");
        List<?> latencies = (List<?>) js("return window.jbecMetrics.latencies.slice().sort((a, b) => a - b)");
        assertEquals(21, latencies.size(), "one latency per point");
        String scanId = (String) js("return state.scan.scanId");
        Map<?, ?> drawnAt = (Map<?, ?>) js("return window.jbecMetrics.drawnAt");
        List<Long> busToPlot = new ArrayList<>();
        drawnAt.forEach((point, drawn) -> busToPlot.add(((Number) drawn).longValue()
                - publishedMs.get(scanId + "/" + point)));
        busToPlot.sort(null);
        assertEquals(21, busToPlot.size(), "every point's publication seen and drawn");

        // a fit of the simulated Gaussian monitor (centre 0) drawn over the points
        awaitPage("gauss_bpm offered as y", SCAN_WITHIN, () -> number(
                "return [...document.getElementById('y-device').options].filter(o => o.value === 'gauss_bpm').length") == 1);
        choose("y-device", "gauss_bpm");
        browser.findElement(By.id("fit")).click();
        awaitPage("the fit shown", SCAN_WITHIN, () -> "21".equals(browser.findElement(By.id("fit-result"))
                .getAttribute("data-fitted")));
        String fit = text("fit-result");
        java.util.regex.Matcher centre = java.util.regex.Pattern.compile("center = (-?[0-9.e-]+)").matcher(fit);
        assertTrue(centre.find(), fit);
        assertTrue(Math.abs(Double.parseDouble(centre.group(1))) < 0.25, "the configured centre 0: " + fit);
        assertEquals(21L, number("return plot.data[2].filter(v => v !== null).length"), "the fit drawn at every point");
        Files.write(ROOT.resolve("bundles/org.jbec.itest/target/web-view-fit.png"), browser.getScreenshotAs(OutputType.BYTES));

        // text from the bus is shown as text: an alarm carrying markup adds no element to the page
        String markup = "<img id=injected src=x onerror=\"document.title='pwned'\">";
        bus.setAndPublish(Endpoints.alarms(), new AlarmMessage(Map.of(), 1L,
                new ErrorInfo("web-test", markup, markup, "WebViewTest", null)));
        awaitPage("the alarm listed", SCAN_WITHIN, () -> text("alarms").contains(markup));
        assertTrue(browser.findElements(By.id("injected")).isEmpty(), "no element made from alarm text");

        // a long scan: its queue item shows, the Abort button stops it
        jbec("exec", "line_scan samx -2 2 --steps 400 --exp_time 0.1 --relative false --no_wait");
        awaitPage("the running item in the queue", SCAN_WITHIN, () -> browser.findElements(
                By.cssSelector("#queue-items tr[data-status='RUNNING']")).size() == 1
                && text("queue-items").contains("line_scan"));
        awaitPage("the long scan's first points drawn", SCAN_WITHIN,
                () -> number("return plot ? plot.data[0].length : 0") >= 3 && text("scan-title").endsWith("open"));
        Files.write(ROOT.resolve("bundles/org.jbec.itest/target/web-view.png"), browser.getScreenshotAs(OutputType.BYTES));
        browser.findElement(By.id("abort")).click();
        awaitPage("the scan shown aborted", SCAN_WITHIN, () -> text("scan-title").endsWith("aborted"));
        awaitPage("no running item left in the queue", SCAN_WITHIN, () -> browser.findElements(
                By.cssSelector("#queue-items tr[data-status='RUNNING']")).isEmpty());
        long drawn = number("return plot.data[0].length");
        assertTrue(drawn < 400, "aborted before its end: " + drawn + " of 400 points");
        assertEquals("sent abort", text("action-result"));

        System.out.printf(Locale.ROOT, "web view: page load %.0f ms (driver.get to snapshot shown; load event at %d ms,"
                + " snapshot at %d ms after navigation start)%n", pageLoadMs, loadEvent, snapshotAt);
        System.out.printf(Locale.ROOT, "web view: scan point published on the bus to drawn on the plot, %d points:"
                + " median %d ms, max %d ms (from the web bundle's receipt: median %s ms, max %s ms)%n",
                busToPlot.size(), busToPlot.get(busToPlot.size() / 2), busToPlot.get(busToPlot.size() - 1),
                latencies.get(latencies.size() / 2), latencies.get(latencies.size() - 1));
    }

    @Test
    void pageComparesScansMapsGridsShowsMotionAndTheCamera() throws Exception {
        assertTrue(jbec("status").contains("web view    http://"), "status prints the web view's address");
        assertTrue(jbec("status").contains(":" + httpPort + "/jbec/"), "status prints the web view's port");
        browser = openBrowser();
        browser.get("http://127.0.0.1:" + httpPort + "/jbec/");
        awaitPage("the page got its snapshot", Duration.ofSeconds(20),
                () -> js("return window.jbecMetrics && window.jbecMetrics.snapshotAt") != null);

        // two line scans: the second is drawn with the first beside it
        jbec("exec", "line_scan samx -2 2 --steps 21 --exp_time 0 --relative false");
        awaitPage("scan 1 closed", SCAN_WITHIN, () -> text("scan-title").endsWith("closed"));
        jbec("exec", "line_scan samx -1 1 --steps 11 --exp_time 0 --relative false");
        awaitPage("scan 2 closed with 11 points", SCAN_WITHIN, () -> text("scan-title").endsWith("closed")
                && number("return state.points.length") == 11);
        String first = (String) js("return document.getElementById('compare').options[1].value");
        choose("compare", first);
        awaitPage("the earlier scan drawn beside", SCAN_WITHIN,
                () -> number("return plot.data[3].filter(v => v !== null).length") == 21);
        assertEquals(11L, number("return plot.data[1].filter(v => v !== null).length"), "the current scan's 11 points");

        // a web view started after the scans ran finds them in the scan history (points kept 30 min on the bus)
        String webBundle = ItestRuntime.bundleId(jbec("exec", "lb"), "jBEC web view");
        jbec("exec", "stop " + webBundle);
        jbec("exec", "start " + webBundle);
        awaitPage("the web view back", SCAN_WITHIN, () -> {
            browser.navigate().refresh();
            return Boolean.TRUE.equals(js("return [...document.getElementById('compare').options]"
                    + ".some(o => o.value === '" + first + "')"));
        });

        // the camera (eiger, triggered at every point) shows its newest frame
        awaitPage("a camera frame shown", SCAN_WITHIN, () -> browser.findElement(By.id("camera-panel"))
                .isDisplayed() && number("return document.getElementById('camera-image')"
                        + ".naturalWidth") == 100);
        assertEquals("eiger", browser.findElement(By.id("camera-image")).getAttribute("data-device"));

        // a grid scan is drawn as a map, one cell per point
        jbec("exec", "grid_scan samx -1 1 4 samy -1 1 3 --exp_time 0 --relative false");
        awaitPage("the grid's 12 cells drawn", SCAN_WITHIN, () -> "12".equals(browser.findElement(By.id("map"))
                .getAttribute("data-cells")));
        assertEquals("4x3", browser.findElement(By.id("map")).getAttribute("data-shape"));
        assertTrue(browser.findElement(By.id("map-panel")).isDisplayed(), "the map is shown");
        Files.write(ROOT.resolve("bundles/org.jbec.itest/target/web-view-grid.png"), browser.getScreenshotAs(OutputType.BYTES));

        // a motor shows moving while it moves, and not once it stopped
        jbec("exec", "mv slowz 3");
        awaitPage("slowz shown moving", SCAN_WITHIN, () -> !browser.findElements(
                By.cssSelector("#readbacks tr[data-device='slowz'][data-moving='true']")).isEmpty());
        awaitPage("slowz shown stopped", SCAN_WITHIN, () -> !browser.findElements(
                By.cssSelector("#readbacks tr[data-device='slowz'][data-moving='false']")).isEmpty());
        assertEquals(3.0, Double.parseDouble(browser.findElement(By.cssSelector("#readbacks tr[data-device='slowz'] td.num"))
                .getText()), 0.02);

        // a scan in a named queue: the buttons act on the queue chosen
        jbec("exec", "line_scan samy -2 2 --steps 400 --exp_time 0.1 --relative false --no_wait --queue side");
        awaitPage("the side queue's scan running", SCAN_WITHIN, () -> Boolean.TRUE.equals(js(
                "return [...document.getElementById('queue-choice').options].some(o => o.value === 'side')"))
                && text("queue-items").contains("side: ") && text("scan-title").endsWith("open"));
        choose("queue-choice", "side");
        browser.findElement(By.id("abort")).click();
        awaitPage("the side queue's scan aborted", SCAN_WITHIN, () -> text("scan-title").endsWith("aborted"));
        assertEquals("sent abort to side", text("action-result"));
    }

    @Test
    void badQueueRequestsGetAClearError() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI api = URI.create("http://127.0.0.1:" + httpPort + "/jbec/api/queue");
        HttpResponse<String> unknown = http.send(HttpRequest.newBuilder(api).header("X-Jbec-Request", "1")
                .POST(HttpRequest.BodyPublishers.ofString("action=drop_tables")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(400, unknown.statusCode());
        assertTrue(unknown.body().contains("unknown action 'drop_tables'"), unknown.body());
        HttpResponse<String> oversized = http.send(HttpRequest.newBuilder(api).header("X-Jbec-Request", "1")
                .POST(HttpRequest.BodyPublishers.ofString("action=abort&x=" + "y".repeat(5000))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(400, oversized.statusCode());
        assertTrue(oversized.body().contains("over 1024 bytes"), oversized.body());

        HttpResponse<String> notANumber = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort
                + "/jbec/api/scan?number=1;drop")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, notANumber.statusCode());
        HttpResponse<String> unknownScan = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort
                + "/jbec/api/scan?number=999")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, unknownScan.statusCode());
        assertTrue(unknownScan.body().contains("scan 999 is not among the last 10"), unknownScan.body());
        HttpResponse<String> badModel = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort
                + "/jbec/api/fit")).header("X-Jbec-Request", "1")
                .POST(HttpRequest.BodyPublishers.ofString("model=<script>&x=samx&y=bpm4i")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(400, badModel.statusCode());
        assertTrue(badModel.body().contains("field 'model' must be"), badModel.body());
        // a form another site's page could post (no X-Jbec-Request header) changes nothing
        HttpResponse<String> forged = http.send(HttpRequest.newBuilder(api)
                .POST(HttpRequest.BodyPublishers.ofString("action=abort")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, forged.statusCode());
        assertTrue(forged.body().contains("X-Jbec-Request"), forged.body());
    }

    @Test
    @org.junit.jupiter.api.Tag("acl")
    void withAclsThePageAsksForALoginAndActsForTheAccount() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + httpPort + "/jbec/";
        for (String path : List.of("events", "api/scan?number=1")) {
            HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(401, anonymous.statusCode(), path);
            assertTrue(anonymous.body().contains("log in first"), anonymous.body());
        }
        HttpResponse<String> anonymousAbort = http.send(HttpRequest.newBuilder(URI.create(base + "api/queue"))
                .header("X-Jbec-Request", "1").POST(HttpRequest.BodyPublishers.ofString("action=abort")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, anonymousAbort.statusCode());
        String added = jbec("exec", "acl_user_add", "alice");
        String token = added.lines().filter(l -> l.matches("[A-Za-z0-9_-]{32}")).findFirst()
                .orElseThrow(() -> new AssertionError("no token in: " + added));

        browser = openBrowser();
        browser.get(base);
        awaitPage("the login form", Duration.ofSeconds(20), () -> browser.findElement(By.id("login-panel")).isDisplayed());
        assertTrue(!browser.findElement(By.tagName("main")).isDisplayed(), "nothing shown before the login");
        browser.findElement(By.id("login-user")).sendKeys("alice");
        browser.findElement(By.id("login-token")).sendKeys("not-the-token");
        browser.findElement(By.id("login")).click();
        awaitPage("a wrong token refused", Duration.ofSeconds(20),
                () -> text("login-result").contains("unknown account or wrong token"));
        browser.findElement(By.id("login-token")).clear();
        browser.findElement(By.id("login-token")).sendKeys(token);
        browser.findElement(By.id("login")).click();
        awaitPage("the page live for alice", Duration.ofSeconds(20), () -> "live".equals(text("connection"))
                && text("who").contains("alice (user)"));
        assertTrue(browser.findElement(By.id("abort")).isDisplayed(), "a user account may change the queue");
        assertTrue(browser.findElement(By.id("fit")).isDisplayed(), "a user account may ask for fits");
        jbec("exec", "line_scan samx -2 2 --steps 400 --exp_time 0.1 --relative false --no_wait");
        awaitPage("the long scan's first points drawn", SCAN_WITHIN,
                () -> number("return plot ? plot.data[0].length : 0") >= 3 && text("scan-title").endsWith("open"));
        browser.findElement(By.id("abort")).click();
        awaitPage("alice's abort stops the scan", SCAN_WITHIN, () -> text("scan-title").endsWith("aborted"));
        assertEquals("sent abort", text("action-result"));
        browser.findElement(By.id("logout")).click();
        awaitPage("the login form again", Duration.ofSeconds(20),
                () -> browser.findElement(By.id("login-panel")).isDisplayed());
    }
}
