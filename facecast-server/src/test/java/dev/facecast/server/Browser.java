package dev.facecast.server;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Headless Debian Chromium driven through ChromeDriver, for end-to-end tests. Fails with the
 * install command when Chromium is missing: these tests are never silently skipped.
 */
final class Browser implements AutoCloseable {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private final Path profile;
    final ChromeDriver driver;

    Browser() throws Exception {
        this(List.of());
    }

    /** @param extraArguments more Chromium flags, such as a fake microphone */
    Browser(List<String> extraArguments) throws Exception {
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

    Object script(String javascript, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(javascript, args);
    }

    /** Runs an async script: the last argument is the callback to call with the result. */
    Object asyncScript(String javascript, Object... args) {
        return ((JavascriptExecutor) driver).executeAsyncScript(javascript, args);
    }

    /** Inbound video and audio statistics of the page's peer connection. */
    @SuppressWarnings("unchecked")
    Map<String, Object> inboundStats() {
        return (Map<String, Object>) asyncScript("""
                const done = arguments[arguments.length - 1];
                window.facecast.pc.getStats().then((report) => {
                  const out = {};
                  report.forEach((s) => {
                    if (s.type === 'inbound-rtp' && s.kind === 'video') {
                      out.framesDecoded = s.framesDecoded || 0; out.frameWidth = s.frameWidth || 0;
                      out.frameHeight = s.frameHeight || 0; out.videoTimestamp = s.timestamp;
                    }
                    if (s.type === 'inbound-rtp' && s.kind === 'audio') {
                      out.totalAudioEnergy = s.totalAudioEnergy || 0; out.audioLevel = s.audioLevel || 0;
                      out.audioSamples = s.totalSamplesReceived || 0;
                    }
                  });
                  done(out);
                });
                """);
    }

    @Override
    public void close() throws Exception {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
