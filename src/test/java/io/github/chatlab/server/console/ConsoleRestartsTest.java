package io.github.chatlab.server.console;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;

import io.github.chatlab.server.ChatServerApplication;
import io.github.chatlab.server.support.TestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * O4 and the console switch across whole restarts of the application, as a course's
 * server is restarted: the {@code lab-host} profile on loopback and free ports, one bans
 * file that outlives each server. Bans set over the API refuse the same clients after a
 * restart, and an expired one is gone; with {@code chat.console.enabled=false} none of
 * the console runs (no API, no page, no teaching team, the bans file neither read nor
 * written), and switched on again the bans are back.
 */
class ConsoleRestartsTest {

	private static final String MODERATOR = ConsoleServerTest.basic("mod", "restarts-password");

	private static final String OPERATOR = ConsoleServerTest.basic("operator", "operator-password");

	private static final JsonMapper json = JsonMapper.builder().build();

	@TempDir
	Path folder;

	private final List<AutoCloseable> open = new ArrayList<>();

	@AfterEach
	void closeEverything() throws Exception {
		for (int i = this.open.size() - 1; i >= 0; i--) {
			this.open.get(i).close();
		}
	}

	@Test
	void o4_bansSurviveARestartOfTheServerAndExpiredOnesAreGone() throws Exception {
		Server first = start(true);
		first.ban("address", "127.0.0.2", "permanent");
		first.ban("name", "mallory", "30m");
		Instant shortBanSet = Instant.now();
		first.ban("address", "127.0.0.3", "2s");
		first.stop();
		await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(shortBanSet.plusSeconds(3)));

		Server second = start(true);
		second.expectRefusedAtConnect("127.0.0.2");
		try (TestClient lookAlike = second.connect("127.0.0.4")) {
			lookAlike.send("HELLO-FROM m\u0430llory").expectLine("BUSY");
			lookAlike.expectClosed();
		}
		try (TestClient expired = second.connect("127.0.0.3")) {
			expired.send("HELLO-FROM back").expectLine("HELLO back");
		}
		JsonNode bans = json.readTree(second.get("/api/bans", MODERATOR).body());
		assertThat(bans.findValuesAsString("value")).containsExactlyInAnyOrder("127.0.0.2", "mallory");
	}

	@Test
	void o9_withTheConsoleSwitchedOffNoneOfItRunsAndItsBansWaitForIt() throws Exception {
		Path bansFile = this.folder.resolve("bans.json");
		Server on = start(true);
		on.ban("address", "127.0.0.2", "permanent");
		on.stop();
		byte[] bansBefore = Files.readAllBytes(bansFile);

		Server off = start(false);
		for (String path : List.of("/api/connections", "/api/closed", "/api/bans", "/api/messages", "/api/audit",
				"/api/history", "/api/events")) {
			assertThat(off.get(path, OPERATOR).statusCode()).as("GET " + path).isEqualTo(404);
		}
		assertThat(off.get("/", OPERATOR).statusCode()).as("the page").isIn(401, 403, 404);
		assertThat(off.get("/console/index.html", null).statusCode()).as("the page's files").isIn(401, 403, 404);
		assertThat(off.get("/actuator/health", null).statusCode()).as("the actuator stays").isEqualTo(200);
		try (TestClient wasBanned = off.connect("127.0.0.2")) {
			wasBanned.send("HELLO-FROM free").expectLine("HELLO free");
			wasBanned.send("LIST");
			assertThat(wasBanned.readLine()).startsWith("LIST-OK ").doesNotContain("teaching-team");
			wasBanned.send("SEND teaching-team hello").expectLine("BAD-DEST-USER");
		}
		assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
			.noneMatch((name) -> name.startsWith("console-"));
		off.stop();
		assertThat(Files.readAllBytes(bansFile)).as("the bans file, untouched").isEqualTo(bansBefore);

		Server onAgain = start(true);
		onAgain.expectRefusedAtConnect("127.0.0.2");
	}

	private Server start(boolean console) {
		ConfigurableApplicationContext context = ChatServerApplication.run("--spring.profiles.active=lab-host",
				"--chat.address=127.0.0.1", "--chat.port=0", "--chat.udp.port=0", "--server.address=127.0.0.1",
				"--server.port=0", "--chat.console.enabled=" + console,
				"--chat.bans.file=" + this.folder.resolve("bans.json"),
				"--chat.console.accounts.mod.password={noop}restarts-password",
				"--chat.console.accounts.mod.role=moderator", "--spring.security.user.name=operator",
				"--spring.security.user.password=operator-password");
		Server server = new Server(context);
		this.open.add(server);
		return server;
	}

	private final class Server implements AutoCloseable {

		private final ConfigurableApplicationContext context;

		private final int chatPort;

		private final int httpPort;

		Server(ConfigurableApplicationContext context) {
			this.context = context;
			this.chatPort = context.getBean(TcpNetServerConnectionFactory.class).getPort();
			this.httpPort = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
		}

		TestClient connect(String from) throws Exception {
			TestClient client = TestClient.connectFrom(from, this.chatPort);
			ConsoleRestartsTest.this.open.add(client);
			return client;
		}

		void expectRefusedAtConnect(String from) throws Exception {
			TestClient refused = connect(from);
			refused.expectLine("BUSY");
			refused.expectClosed();
		}

		void ban(String kind, String value, String expires) throws Exception {
			HttpResponse<String> response = send(
					request("/api/bans", MODERATOR).header("Content-Type", "application/json")
						.POST(HttpRequest.BodyPublishers.ofString("{\"kind\":\"" + kind + "\",\"value\":\"" + value
								+ "\",\"reason\":\"test\",\"expires\":\"" + expires + "\",\"kick\":false}")));
			assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		}

		HttpResponse<String> get(String path, String authorization) throws Exception {
			return send(request(path, authorization));
		}

		private HttpRequest.Builder request(String path, String authorization) {
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.httpPort + path))
				.timeout(Duration.ofSeconds(10));
			return (authorization != null) ? request.header("Authorization", authorization) : request;
		}

		private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
			return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
		}

		void stop() {
			this.context.close();
		}

		@Override
		public void close() {
			this.context.close();
		}

	}

}
