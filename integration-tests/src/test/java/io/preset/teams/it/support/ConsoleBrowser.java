package io.preset.teams.it.support;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Comparator;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Headless Chromium driven by Selenium for the admin-console tests: Debian's {@code /usr/bin/chromium} and
 * {@code /usr/bin/chromedriver}, never a downloaded driver (Selenium Manager is bypassed by naming both).
 * A fresh profile per browser; {@link #close()} quits it and deletes the profile.
 *
 * <pre>{@code
 * @BeforeAll static void start() { ConsoleBrowser.assumeInstalled(); browser = ConsoleBrowser.start(); }
 * @RegisterExtension final ConsoleBrowser.FailureArtifacts artifacts = new ConsoleBrowser.FailureArtifacts(() -> browser);
 * }</pre>
 * On a failure {@link FailureArtifacts} saves a screenshot and the page source under
 * {@code target/ui-failures/}.
 */
public final class ConsoleBrowser implements AutoCloseable {

    public static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Paths.get("/usr/bin/chromedriver");
    /** Generous: two cores shared with Keycloak and other builds. */
    public static final Duration TIMEOUT = Duration.ofSeconds(Long.getLong("it.ui.timeout", 90));

    private final WebDriver driver;
    private final Path profile;

    private ConsoleBrowser(WebDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Skips the calling tests (JUnit assumption) when Debian's chromium is not installed. */
    public static void assumeInstalled() {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM),
                CHROMIUM + " is not installed (apt-get install -y chromium chromium-driver): admin-console tests skipped");
    }

    public static ConsoleBrowser start() {
        if (!Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException(CHROMIUM + " is installed but " + CHROMEDRIVER
                    + " is not: apt-get install -y chromium-driver");
        }
        // with both the driver and the browser binary named, Selenium never runs Selenium Manager
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        Path profile;
        try {
            profile = Files.createTempDirectory("it-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1400,1050", "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogFile(targetDir().resolve("chromedriver.log").toFile())
                .build();
        try {
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(TIMEOUT);
            return new ConsoleBrowser(driver, profile);
        } catch (RuntimeException e) {
            deleteQuietly(profile);
            throw e;
        }
    }

    public WebDriver driver() {
        return driver;
    }

    public <T> T await(String what, ExpectedCondition<T> condition) {
        return new WebDriverWait(driver, TIMEOUT).withMessage(what).until(condition);
    }

    /** The first displayed element matching {@code by}, waiting for it. */
    public WebElement visible(String what, By by) {
        return await(what, d -> d.findElements(by).stream().filter(WebElement::isDisplayed).findFirst().orElse(null));
    }

    public Object script(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Writes a PNG of the viewport. */
    public void screenshot(Path png) {
        try {
            Files.createDirectories(png.toAbsolutePath().getParent());
            Files.write(png, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Screenshot and page source as {@code target/ui-failures/<name>.png|.html}; returns the PNG's path. */
    public Path saveArtifacts(String name) {
        Path dir = targetDir().resolve("ui-failures");
        Path png = dir.resolve(name + ".png");
        screenshot(png);
        try {
            Files.writeString(dir.resolve(name + ".html"), "<!-- " + driver.getCurrentUrl() + " -->\n"
                    + driver.getPageSource(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return png;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteQuietly(profile);
        }
    }

    /** {@code integration-tests/target} (failsafe's {@code kc.work.dir}). */
    public static Path targetDir() {
        return Paths.get(System.getProperty("kc.work.dir", "target")).toAbsolutePath();
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException | RuntimeException ignored) {
            // a temp dir; best effort
        }
    }

    /**
     * Saves {@link #saveArtifacts the browser's state} when a test or a lifecycle method fails, before
     * {@code @AfterEach}/{@code @AfterAll} close the browser.
     */
    public static final class FailureArtifacts implements TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler {

        private final Supplier<ConsoleBrowser> browser;

        public FailureArtifacts(Supplier<ConsoleBrowser> browser) {
            this.browser = browser;
        }

        @Override
        public void handleTestExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
            save(context, throwable);
            throw throwable;
        }

        @Override
        public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
            save(context, throwable);
            throw throwable;
        }

        private void save(ExtensionContext context, Throwable failure) {
            ConsoleBrowser current = browser.get();
            if (current == null) {
                return;
            }
            String name = context.getRequiredTestClass().getSimpleName() + "-"
                    + context.getTestMethod().map(m -> m.getName()).orElse("setup") + "-" + System.getProperty("kc.db", "h2");
            try {
                Path png = current.saveArtifacts(name);
                System.err.println("[it] browser state at the failure saved to " + png + " (and .html)");
            } catch (RuntimeException e) {
                failure.addSuppressed(e);
            }
        }
    }
}
