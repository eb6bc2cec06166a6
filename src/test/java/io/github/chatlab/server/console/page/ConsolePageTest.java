package io.github.chatlab.server.console.page;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import org.springframework.test.context.TestPropertySource;

import io.github.chatlab.server.support.Browser;
import io.github.chatlab.server.support.ChatServerTest;
import io.github.chatlab.server.support.TestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * O7 in a real headless Chromium: the console page of a real server on free ports, with
 * raw socket clients from 127.0.0.2… playing students, logged in as a moderator. The
 * roster must show a change within 2 s without a reload: the page is live (server-sent
 * events), not polled by the test.
 */
@TestPropertySource(properties = { "chat.console.enabled=true", "chat.console.history.interval=1s",
		"chat.console.accounts.mod.password={noop}" + ConsolePageTest.PASSWORD,
		"chat.console.accounts.mod.role=moderator",
		"chat.console.accounts.view.password={noop}" + ConsolePageTest.PASSWORD,
		"chat.console.accounts.view.role=viewer",
		"chat.bans.file=${java.io.tmpdir}/console-page-test-bans-${random.uuid}.json" })
class ConsolePageTest extends ChatServerTest {

	static final String PASSWORD = "console-test-password";

	private static final Duration ROSTER_WITHIN = Duration.ofSeconds(2);

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
		this.page = new ConsolePage(browser, this.httpPort).logIn("mod", PASSWORD).awaitLive();
	}

	@Test
	void o7_theLoginFormOpensThePageWithoutBreakingItsContentSecurityPolicy() {
		assertThat(this.page.driver().findElement(By.id("role")).getText()).isEqualTo("moderator");
		assertThat(this.page.status()).isEqualTo("Live");
		assertThat(browser.consoleMessages()).noneMatch((message) -> message.contains("Content Security Policy"));
	}

	@Test
	void o7_aClientThatConnectsAfterThePageLoadedAppearsInTheRosterWithin2s() throws Exception {
		String name = uniqueName("late");
		TestClient pending = track(TestClient.connectFrom("127.0.0.3", port()));
		TestClient late = track(TestClient.connectFrom("127.0.0.2", port()));
		late.send("HELLO-FROM " + name).expectLine("HELLO " + name);

		WebElement row = this.page.rosterRow(name, ROSTER_WITHIN);
		assertThat(row.getText()).contains("127.0.0.2").contains("TCP");
		By notLoggedIn = By.xpath("//table[@id='roster']/tbody/tr[contains(@class,'pending')][td[3]='127.0.0.3']");
		this.page.waitFor(ExpectedConditions.visibilityOfElementLocated(notLoggedIn));
		assertThat(this.page.driver().findElement(notLoggedIn).getText()).contains("not logged in");
		pending.close();
	}

	@Test
	void o7_aMalformedSendShowsInItsTraceWithS2AndItsReason() throws Exception {
		String name = uniqueName("broken");
		TestClient broken = track(TestClient.connectFrom("127.0.0.2", port()));
		broken.send("HELLO-FROM " + name).expectLine("HELLO " + name);
		this.page.rosterRow(name, ROSTER_WITHIN).findElement(By.cssSelector("button[data-action=select]")).click();
		broken.send("SEND " + name).expectLine("BAD-RQST-BODY");

		By error = By.cssSelector("#trace li.error");
		this.page.waitFor(ExpectedConditions.visibilityOfElementLocated(error));
		String text = this.page.driver().findElement(error).getText();
		assertThat(text).contains("SEND " + name)
			.contains("error")
			.contains("S2")
			.contains("SEND has a recipient but no message after it")
			.contains("BAD-RQST-BODY");
		this.page.waitFor(ExpectedConditions.textMatches(By.xpath(rowXpath(name) + "/td[7]"),
				java.util.regex.Pattern.compile("⚠ 1")));
	}

	@Test
	void o7_kickRemovesItsRow() throws Exception {
		String name = uniqueName("kicked");
		TestClient kicked = track(TestClient.connectFrom("127.0.0.2", port()));
		kicked.send("HELLO-FROM " + name).expectLine("HELLO " + name);
		this.page.rosterRow(name, ROSTER_WITHIN).findElement(By.cssSelector("button[data-action=kick]")).click();

		kicked.expectDisconnected();
		this.page.waitFor(ExpectedConditions.invisibilityOfElementLocated(ConsolePage.rosterRowBy(name)));
	}

	@Test
	void o4_aBanFromTheFormRefusesTheReconnectAndIsListedWithTimeLeft() throws Exception {
		String address = "127.0.0.5";
		String name = uniqueName("banned");
		TestClient banned = track(TestClient.connectFrom(address, port()));
		banned.send("HELLO-FROM " + name).expectLine("HELLO " + name);
		this.page.rosterRow(name, ROSTER_WITHIN);

		this.page.tab("bans");
		new Select(this.page.driver().findElement(By.id("ban-kind"))).selectByValue("address");
		this.page.driver().findElement(By.id("ban-value")).sendKeys(address);
		this.page.driver().findElement(By.id("ban-reason")).sendKeys("flooding the lab");
		new Select(this.page.driver().findElement(By.id("ban-expires"))).selectByVisibleText("1h");
		this.page.driver().findElement(By.id("ban-check")).click();
		this.page.waitFor(ExpectedConditions.textToBe(By.id("ban-preview"),
				"1 user and 1 connection share " + address + " now: " + name + "."));
		this.page.driver().findElement(By.id("ban-submit")).click();

		banned.expectDisconnected();
		TestClient again = track(TestClient.connectFrom(address, port()));
		again.expectLine("BUSY");
		again.expectDisconnected();
		By row = By.xpath("//table[@id='bans']/tbody/tr[td[2]='" + address + "']");
		this.page.waitFor(ExpectedConditions.visibilityOfElementLocated(row));
		String listed = this.page.driver().findElement(row).getText();
		assertThat(listed).contains("flooding the lab").containsPattern("59 min \\d\\d s left|1 h 00 min left");

		this.page.driver().findElement(row).findElement(By.cssSelector("button[data-action=unban]")).click();
		this.page.waitFor(ExpectedConditions.invisibilityOfElementLocated(row));
		TestClient back = track(TestClient.connectFrom(address, port()));
		back.send("HELLO-FROM " + name).expectLine("HELLO " + name);
	}

	@Test
	void o5_aMessageToEveryoneArrivesAtTwoRawClients() throws Exception {
		String first = uniqueName("ann");
		String second = uniqueName("ben");
		TestClient a = track(TestClient.connectFrom("127.0.0.2", port()));
		a.send("HELLO-FROM " + first).expectLine("HELLO " + first);
		TestClient b = track(TestClient.connectFrom("127.0.0.3", port()));
		b.send("HELLO-FROM " + second).expectLine("HELLO " + second);

		this.page.tab("messages");
		this.page.driver().findElement(By.id("message-text")).sendKeys("the lab ends at five");
		this.page.driver().findElement(By.id("message-send")).click();

		a.expectLine("DELIVERY teaching-team the lab ends at five");
		b.expectLine("DELIVERY teaching-team the lab ends at five");
		this.page
			.waitFor(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "the lab ends at five"));
	}

	@Test
	void o5_aStudentsMessageToTheTeachingTeamShowsUpOnThePage() throws Exception {
		String name = uniqueName("asking");
		TestClient student = track(TestClient.connectFrom("127.0.0.2", port()));
		student.send("HELLO-FROM " + name).expectLine("HELLO " + name);
		this.page.tab("messages");

		student.send("SEND teaching-team hi").expectLine("SEND-OK");

		By line = By.xpath("//ol[@id='messages']/li[@data-direction='in'][span[@class='route'][starts-with(., '" + name
				+ " ')]][span[@class='text']='hi']");
		this.page.waitFor(ExpectedConditions.visibilityOfElementLocated(line));
	}

	@Test
	void o7_theChartsDrawPoints() throws Exception {
		String name = uniqueName("charted");
		track(TestClient.login(port(), name));
		this.page.tab("charts");
		await().atMost(Duration.ofSeconds(15)).until(() -> {
			this.page.script("window.chatConsole.refresh.charts()");
			Object points = this.page.script("return Number(document.getElementById('charts').dataset.points || 0)");
			return ((Number) points).intValue() > 0;
		});
		List<WebElement> charts = this.page.visible("#charts figure.chart canvas");
		assertThat(charts).hasSizeGreaterThanOrEqualTo(5);
		assertThat(
				this.page.driver().findElements(By.cssSelector("#charts figcaption")).stream().map(WebElement::getText))
			.contains("Users online, against max-clients", "Logins by outcome", "Disconnects by reason",
					"Refusals by reason");
	}

	@Test
	void o1_aViewerSeesNoActionControlsAndTheirForgedChangeGets403() throws Exception {
		String name = uniqueName("watched");
		TestClient watched = track(TestClient.connectFrom("127.0.0.2", port()));
		watched.send("HELLO-FROM " + name).expectLine("HELLO " + name);
		ConsolePage viewer = new ConsolePage(browser, this.httpPort).logIn("view", PASSWORD).awaitLive();
		assertThat(viewer.driver().findElement(By.id("role")).getText()).isEqualTo("viewer");
		viewer.rosterRow(name, ROSTER_WITHIN);

		for (String tab : List.of("bans", "messages", "closed", "audit", "charts")) {
			viewer.tab(tab);
			assertThat(viewer.visible(".moderator-only, [data-action=kick], [data-action=unban], form button")).as(tab)
				.isEmpty();
		}
		@SuppressWarnings("unchecked")
		Map<String, Object> forged = (Map<String, Object>) viewer.driver().executeAsyncScript("""
				const [value, done] = arguments;
				(async () => {
				const session = await (await fetch('/console/session')).json();
				const response = await fetch('/api/bans', { method: 'POST', headers: {
				  'Content-Type': 'application/json', [session.csrf.header]: session.csrf.token },
				  body: JSON.stringify({ kind: 'name', value, reason: 'forged', expires: '1h', kick: true }) });
				done({ status: response.status, body: await response.text() });
				})();
				""", name);
		assertThat(forged).containsEntry("status", 403L);
		assertThat(forged.get("body")).asString().contains("\"message\"");
		watched.send("LIST");
		assertThat(watched.readLine()).startsWith("LIST-OK ").contains(name);
	}

	@Test
	void o7_usableOnA768PxWideTablet() throws Exception {
		String name = uniqueName("tablet");
		track(TestClient.login(port(), name));
		this.page.rosterRow(name, ROSTER_WITHIN);
		this.page.driver().manage().window().setSize(new Dimension(768, 1024));
		try {
			await().atMost(Duration.ofSeconds(5))
				.until(() -> ((Number) this.page.script("return window.innerWidth")).intValue() <= 768);
			Number overflow = (Number) this.page
				.script("return document.documentElement.scrollWidth - document.documentElement.clientWidth");
			assertThat(overflow.intValue()).as("horizontal overflow in px").isLessThanOrEqualTo(0);
			for (String id : List.of("roster-panel", "trace-panel", "tab-bans", "tab-messages", "status", "logout")) {
				WebElement element = this.page.driver().findElement(By.id(id));
				assertThat(element.isDisplayed()).as(id).isTrue();
				assertThat(element.getRect().getX() + element.getRect().getWidth()).as(id).isLessThanOrEqualTo(768);
			}
			this.page.rosterRow(name, ROSTER_WITHIN)
				.findElement(By.cssSelector("button[data-action=kick]"))
				.isDisplayed();
		}
		finally {
			this.page.driver().manage().window().setSize(new Dimension(1280, 800));
		}
	}

	private static String rowXpath(String name) {
		return "//table[@id='roster']/tbody/tr[td[2]/button[normalize-space(.)='" + name + "']]";
	}

}
