package io.github.chatlab.server.console.page;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import io.github.chatlab.server.support.Browser;
import io.github.chatlab.server.support.ChatServerTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * O7 in a real headless Chromium: the console page against a real server on free ports,
 * with raw socket clients from 127.0.0.2… playing students.
 */
@TestPropertySource(properties = "spring.security.user.roles=MODERATOR")
class ConsolePageTest extends ChatServerTest {

	private static Browser browser;

	private ConsolePage page;

	@BeforeAll
	static void startBrowser() {
		browser = Browser.start();
	}

	@AfterAll
	static void stopBrowser() {
		if (browser != null) {
			browser.close();
		}
	}

	@BeforeEach
	void openPage() {
		this.page = new ConsolePage(browser, this.httpPort);
	}

	@Test
	void o7_theLoginFormOpensThePageWithoutBreakingItsContentSecurityPolicy() throws Exception {
		this.page.logIn(OPERATOR, OPERATOR_PASSWORD);
		assertThat(this.page.driver().findElement(org.openqa.selenium.By.id("role")).getText()).isEqualTo("moderator");
		assertThat(browser.consoleMessages()).noneMatch((message) -> message.contains("Content Security Policy"));
		HttpResponse<String> response = send(request("/login"));
		assertThat(response.headers().firstValue("Content-Security-Policy"))
			.hasValue(ConsolePageConfiguration.CONTENT_SECURITY_POLICY);
	}

}
