package io.github.chatlab.server.console.page;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.context.ConfigurableApplicationContext;

import io.github.chatlab.server.ChatServerApplication;
import io.github.chatlab.server.support.Browser;
import io.github.chatlab.server.support.TestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * O7: when the server restarts under an open page, the page says it is reconnecting, then
 * recovers by itself — the same session (Tomcat keeps sessions over a stop and a start),
 * a new event stream, fresh data — without a reload or a new login. Two servers one after
 * the other on the same free ports, as an operator's restart would be.
 */
class ConsoleRestartTest {

	private static final String PASSWORD = "restart-test-password";

	@TempDir
	static Path folder;

	private static int chatPort;

	private static int httpPort;

	private ConfigurableApplicationContext server;

	@BeforeAll
	static void freePorts() throws IOException {
		Browser.assumeInstalled();
		try (ServerSocket chat = new ServerSocket(0); ServerSocket http = new ServerSocket(0)) {
			chatPort = chat.getLocalPort();
			httpPort = http.getLocalPort();
		}
	}

	@AfterEach
	void stopServer() {
		if (this.server != null) {
			this.server.close();
		}
	}

	@Test
	void o7_afterARestartThePageSaysReconnectingThenRecovers() throws Exception {
		this.server = start();
		try (Browser browser = Browser.start()) {
			ConsolePage page = new ConsolePage(browser, httpPort).logIn("mod", PASSWORD).awaitLive();

			this.server.close();
			page.waitFor(ExpectedConditions.attributeToBe(By.id("status"), "data-state", "reconnecting"));
			assertThat(page.status()).startsWith("Reconnecting");

			this.server = start();
			new WebDriverWait(browser.driver(), Duration.ofSeconds(30))
				.until(ExpectedConditions.attributeToBe(By.id("status"), "data-state", "live"));
			assertThat(browser.driver().getCurrentUrl()).isEqualTo(page.base() + "/");
			try (TestClient client = TestClient.login(chatPort, "returning")) {
				page.rosterRow("returning", Duration.ofSeconds(2));
			}
		}
	}

	private static ConfigurableApplicationContext start() {
		return ChatServerApplication.run("--chat.port=" + chatPort, "--server.port=" + httpPort,
				"--chat.console.enabled=true", "--chat.console.accounts.mod.password={noop}" + PASSWORD,
				"--chat.console.accounts.mod.role=moderator", "--chat.bans.file=" + folder.resolve("bans.json"),
				"--server.servlet.session.store-dir=" + folder.resolve("sessions"), "--chat.bots.echobot.enabled=false",
				"--chat.bots.delaybot.enabled=false");
	}

}
