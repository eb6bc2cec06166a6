package io.github.chatlab.server.console.page;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.support.ui.ExpectedConditions;

import org.springframework.test.context.TestPropertySource;

import io.github.chatlab.server.support.Browser;
import io.github.chatlab.server.support.ChatServerTest;
import io.github.chatlab.server.support.TestClient;

import static org.awaitility.Awaitility.await;

/**
 * On demand only, not part of {@code ./mvnw verify}: the README's screenshot of the
 * console (a few students online, one of them misbehaving) and the page's measured
 * figures, each against a real server. <pre>
 * ./mvnw -q test -DskipITs -Dtest=ConsoleScreenshotTest -Dconsole.screenshot=docs/console.png
 * ./mvnw -q test -DskipITs -Dtest=ConsoleScreenshotTest -Dconsole.measure=true
 * </pre> The figures are printed on standard output (in
 * {@code target/surefire-reports/…ConsoleScreenshotTest-output.txt}).
 */
@TestPropertySource(properties = { "chat.console.enabled=true", "chat.console.history.interval=1s",
		"chat.console.accounts.ta.password={noop}" + ConsoleScreenshotTest.PASSWORD,
		"chat.console.accounts.ta.role=moderator", "chat.max-connections=600", "chat.max-clients=600",
		"chat.login-timeout=60s", "chat.bans.file=${java.io.tmpdir}/console-screenshot-bans-${random.uuid}.json" })
class ConsoleScreenshotTest extends ChatServerTest {

	static final String PASSWORD = "screenshot-password";

	@Test
	@EnabledIfSystemProperty(named = "console.screenshot", matches = ".+")
	void screenshot() throws Exception {
		List<String> students = List.of("ada", "grace", "linus", "barbara", "ken");
		List<TestClient> clients = new ArrayList<>();
		for (int i = 0; i < students.size(); i++) {
			TestClient client = track(TestClient.connectFrom("127.0.0." + (i + 2), port()));
			client.send("HELLO-FROM " + students.get(i)).expectLine("HELLO " + students.get(i));
			clients.add(client);
		}
		for (int round = 0; round < 3; round++) {
			clients.get(0).send("SEND grace are you there?").expectLine("SEND-OK");
			clients.get(1).expectLine("DELIVERY ada are you there?");
			clients.get(1).send("SEND ada yes").expectLine("SEND-OK");
			clients.get(0).expectLine("DELIVERY grace yes");
		}
		track(TestClient.connectFrom("127.0.0.9", port()));
		clients.get(2).send("SEND teaching-team is the server down?").expectLine("SEND-OK");
		TestClient mallory = track(TestClient.connectFrom("127.0.0.8", port()));
		mallory.send("HELLO-FROM mallory").expectLine("HELLO mallory");
		mallory.send("send ada hi").expectLine("BAD-RQST-HDR");
		mallory.send("SEND ada").expectLine("BAD-RQST-BODY");
		mallory.send("SEND nobody hello").expectLine("BAD-DEST-USER");
		mallory.send("LIST");
		mallory.readLine();
		mallory.sendRaw("SEND ada caf\u00e9\r\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
		mallory.readLine();

		try (Browser browser = Browser.start()) {
			ConsolePage page = new ConsolePage(browser, this.httpPort).logIn("ta", PASSWORD).awaitLive();
			// a 1280x800 viewport, whatever the window's frame takes
			int frame = 800 - ((Number) page.script("return window.innerHeight")).intValue();
			browser.driver().manage().window().setSize(new org.openqa.selenium.Dimension(1280, 800 + frame));
			page.rosterRow("mallory", Duration.ofSeconds(5))
				.findElement(By.cssSelector("button[data-action=select]"))
				.click();
			page.waitFor(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#trace li.error")));
			page.driver().findElement(By.id("roster-errors-first")).click();
			await().atMost(Duration.ofSeconds(20)).until(() -> {
				page.script("window.chatConsole.refresh.charts()");
				return ((Number) page.script("return Number(document.getElementById('charts').dataset.points||0)"))
					.intValue() > 40;
			});
			Path file = Path.of(System.getProperty("console.screenshot"));
			Files.write(file, browser.driver().getScreenshotAs(OutputType.BYTES));
			System.out.println("Screenshot written to " + file.toAbsolutePath());
		}
	}

	@Test
	@EnabledIfSystemProperty(named = "console.measure", matches = "true")
	void measure() throws Exception {
		for (int i = 0; i < 500; i++) {
			track(TestClient.login(port(), "student" + i));
		}
		try (Browser browser = Browser.start()) {
			ConsolePage page = new ConsolePage(browser, this.httpPort).logIn("ta", PASSWORD).awaitLive();
			page.rosterRow("student499", Duration.ofSeconds(10));
			@SuppressWarnings("unchecked")
			List<Map<String, Object>> resources = (List<Map<String, Object>>) page.script("""
					return [performance.getEntriesByType('navigation')[0], ...performance.getEntriesByType('resource')]
					  .map((e) => ({ name: e.name, type: e.initiatorType, bytes: e.decodedBodySize,
					                 wire: e.encodedBodySize }));
					""");
			long total = 0;
			for (Map<String, Object> resource : resources) {
				System.out.printf("weight %8d B  %s%n", ((Number) resource.get("bytes")).longValue(),
						resource.get("name"));
				String name = (String) resource.get("name");
				if (name.endsWith(".js") || name.endsWith(".css") || name.endsWith("/")) {
					total += ((Number) resource.get("bytes")).longValue();
				}
			}
			System.out.printf("weight total (HTML, JS, CSS): %d B%n", total);
			@SuppressWarnings("unchecked")
			Map<String, Object> timing = (Map<String, Object>) browser.driver().executeAsyncScript("""
					const done = arguments[arguments.length - 1];
					(async () => {
					  const roster = window.chatConsole.roster;
					  const data = await (await fetch('/api/connections')).json();
					  const fresh = [], update = [];
					  for (let run = 0; run < 7; run++) {
					    roster.rows.clear(); roster.order = []; roster.tbody.replaceChildren();
					    let t0 = performance.now();
					    roster.update(data); document.body.offsetHeight;
					    fresh.push(performance.now() - t0);
					    const moved = data.map((c) => ({ ...c, linesIn: c.linesIn + run + 1 }));
					    t0 = performance.now();
					    roster.update(moved); document.body.offsetHeight;
					    update.push(performance.now() - t0);
					  }
					  const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
					  done({ rows: data.length, fresh: median(fresh), update: median(update) });
					})();
					""");
			System.out.println("roster render: " + timing);
		}
	}

}
