package io.github.chatlab.server.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

import static org.assertj.core.api.Assertions.fail;

/**
 * A headless Chromium for the console page's tests (O7), driven through WebDriver:
 * Debian's {@code chromium} and {@code chromium-driver}, named by path, so Selenium never
 * looks for or downloads a browser (only Maven Central and Debian are reachable here).
 * Without them the browser tests are skipped with a message saying how to install them,
 * unless {@code -Dconsole.browser=required} (CI's {@code .ci/run}) makes that a failure.
 */
public final class Browser implements AutoCloseable {

	/** Debian's Chromium. */
	public static final Path CHROMIUM = Path.of(System.getProperty("console.chromium", "/usr/bin/chromium"));

	/** Debian's chromium-driver. */
	public static final Path CHROMEDRIVER = Path
		.of(System.getProperty("console.chromedriver", "/usr/bin/chromedriver"));

	private final ChromeDriver driver;

	private final Path profile;

	private Browser(ChromeDriver driver, Path profile) {
		this.driver = driver;
		this.profile = profile;
	}

	/**
	 * Skips the calling test (class) when Chromium or its driver is missing, or fails it
	 * when {@code console.browser=required}.
	 */
	public static void assumeInstalled() {
		if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
			return;
		}
		String message = "The console's browser tests need Chromium and its WebDriver (" + CHROMIUM + ", "
				+ CHROMEDRIVER + "): apt-get install chromium chromium-driver";
		if ("required".equals(System.getProperty("console.browser"))) {
			fail(message + " (-Dconsole.browser=required)");
		}
		Assumptions.abort(message);
	}

	/** A fresh headless Chromium with its own profile, at 1280x800. */
	public static Browser start() {
		assumeInstalled();
		Path profile;
		try {
			profile = Files.createTempDirectory("console-chromium-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1280,800");
		LoggingPreferences logs = new LoggingPreferences();
		logs.enable(LogType.BROWSER, Level.ALL);
		options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		ChromeDriver driver = new ChromeDriver(service, options);
		driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
		driver.manage().window().setSize(new Dimension(1280, 800));
		return new Browser(driver, profile);
	}

	public ChromeDriver driver() {
		return this.driver;
	}

	/** The browser console's messages since the last call (errors, CSP violations, …). */
	public List<String> consoleMessages() {
		return this.driver.manage()
			.logs()
			.get(LogType.BROWSER)
			.getAll()
			.stream()
			.map((LogEntry entry) -> entry.getLevel() + " " + entry.getMessage())
			.toList();
	}

	@Override
	public void close() {
		try {
			this.driver.quit();
		}
		finally {
			deleteProfile();
		}
	}

	private void deleteProfile() {
		try (Stream<Path> files = Files.walk(this.profile)) {
			files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
		}
		catch (IOException ex) {
			// a left-over temporary profile is harmless
		}
	}

}
