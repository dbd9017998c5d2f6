package dev.facecast.testsupport;

import dev.facecast.media.clock.Await;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Headless Debian Chromium driven through ChromeDriver, for end-to-end tests of the demo page.
 * Fails with the install command when Chromium is missing: these tests are never silently
 * skipped. One test thread at a time.
 */
public final class Browser implements AutoCloseable {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** Each poll runs a script in the page: often enough, without crowding the page's own work. */
    private static final Duration POLL = Duration.ofMillis(100);

    private final Path profile;
    private final ChromeDriver driver;

    public Browser() throws Exception {
        this(List.of());
    }

    /** @param extraArguments more Chromium flags */
    public Browser(List<String> extraArguments) throws Exception {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("end-to-end tests need Debian's chromium and chromium-driver: "
                    + "run scripts/install-test-deps.sh");
        }
        profile = Files.createTempDirectory("facecast-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(List.of(
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
                "--autoplay-policy=no-user-gesture-required",
                // Keep a hidden or throttled page decoding at full rate.
                "--disable-background-timer-throttling", "--disable-renderer-backgrounding",
                "--disable-backgrounding-occluded-windows",
                "--user-data-dir=" + profile));
        options.addArguments(extraArguments);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogFile(new File(System.getProperty("java.io.tmpdir"), "facecast-chromedriver.log"))
                .build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    }

    /** A browser whose microphone plays {@code wav} once, granted without asking. */
    public static Browser withMicrophone(Path wav) throws Exception {
        return new Browser(List.of("--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
                "--use-file-for-fake-audio-capture=" + wav + "%noloop"));
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** Opens the demo page at {@code pageUrl}, presses Start, waits until connected; returns the session's id. */
    public String startSession(String pageUrl) throws InterruptedException {
        driver.get(pageUrl);
        driver.findElement(By.id("start")).click();
        waitFor("the page's peer connection connected", 20,
                () -> "connected".equals(script("return window.facecast.pc && window.facecast.pc.connectionState")));
        return (String) script("return window.facecast.sessionId");
    }

    /**
     * {@link #startSession}, then waits until the page hears the session's events and may turn
     * its microphone on: a spoken conversation can begin.
     */
    public String startConversation(String pageUrl) throws InterruptedException {
        String sessionId = startSession(pageUrl);
        waitFor("the event stream open", 20,
                () -> "open".equals(script("return window.facecast.events && window.facecast.events.state")));
        waitFor("the microphone button enabled", 20, () -> driver.findElement(By.id("mic")).isEnabled());
        return sessionId;
    }

    /** The transcript as the page received it: each turn's role, text, interrupted and playedMs. */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> transcript() {
        return (List<Map<String, Object>>) script("return window.facecast.transcript");
    }

    /** Polls {@code condition} (usually a script) until it holds; fails naming {@code what} after {@code seconds}. */
    public void waitFor(String what, int seconds, BooleanSupplier condition) throws InterruptedException {
        Await.until(what, Duration.ofSeconds(seconds), POLL, condition);
    }

    public Object script(String javascript, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(javascript, args);
    }

    /** Runs an async script: the last argument is the callback to call with the result. */
    public Object asyncScript(String javascript, Object... args) {
        return ((JavascriptExecutor) driver).executeAsyncScript(javascript, args);
    }

    /** Inbound video and audio statistics of the page's peer connection. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> inboundStats() {
        return (Map<String, Object>) asyncScript("""
                const done = arguments[arguments.length - 1];
                window.facecast.pc.getStats().then((report) => {
                  const out = {};
                  report.forEach((s) => {
                    if (s.type === 'inbound-rtp' && s.kind === 'video') {
                      out.framesDecoded = s.framesDecoded || 0; out.frameWidth = s.frameWidth || 0;
                      out.frameHeight = s.frameHeight || 0; out.videoTimestamp = s.timestamp;
                      out.freezeCount = s.freezeCount || 0; out.qpSum = s.qpSum || 0; out.nackCount = s.nackCount || 0;
                      out.pliCount = s.pliCount || 0; out.packetsLost = s.packetsLost || 0;
                    }
                    if (s.type === 'inbound-rtp' && s.kind === 'audio') {
                      out.totalAudioEnergy = s.totalAudioEnergy || 0; out.audioLevel = s.audioLevel || 0;
                      out.audioSamples = s.totalSamplesReceived || 0;
                      out.concealedSamples = s.concealedSamples || 0;
                      // The mean hold in the jitter buffer, A/V sync's share included.
                      out.audioJitterBufferMs = s.jitterBufferEmittedCount
                        ? 1000 * s.jitterBufferDelay / s.jitterBufferEmittedCount : 0;
                    }
                  });
                  done(out);
                });
                """);
    }

    /** Audio energy received so far: it grows while the page hears speech. */
    public double totalAudioEnergy() {
        Object energy = inboundStats().get("totalAudioEnergy");
        return energy == null ? 0 : ((Number) energy).doubleValue();
    }

    @Override
    public void close() throws Exception {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
