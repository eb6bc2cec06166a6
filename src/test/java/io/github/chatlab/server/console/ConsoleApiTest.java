package io.github.chatlab.server.console;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import io.github.chatlab.server.support.TestClient;
import io.github.chatlab.server.support.UdpTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * PROTOCOL.md O1, O4, O5, O6, O9 over real sockets and HTTP, in the {@code lab-host}
 * profile with a viewer and a moderator.
 */
class ConsoleApiTest extends ConsoleServerTest {

	private static final List<String> VIEWS = List.of("/api/connections", "/api/closed", "/api/bans",
			"/api/bans/preview?kind=address&value=127.0.0.9", "/api/messages", "/api/audit", "/api/history",
			"/actuator/chat", "/actuator/metrics");

	@Autowired
	MeterRegistry meters;

	@Test
	void o1_aViewerSeesEverythingAndChangesNothingAModeratorChangesIt() throws Exception {
		String student = uniqueName("student");
		TestClient client = login("127.0.0.2", student);
		String id = connectionOf(student);
		for (String path : VIEWS) {
			assertThat(get(path, VIEWER).statusCode()).as("viewer GET " + path).isEqualTo(200);
			assertThat(get(path, MODERATOR).statusCode()).as("moderator GET " + path).isEqualTo(200);
			assertThat(send(request(path)).statusCode()).as("anonymous GET " + path).isEqualTo(401);
		}
		String banId = ban("name", uniqueName("nobody"), "30m", false);
		Map<String, Change> changes = Map.of("kick", (auth) -> delete("/api/connections/" + id, auth), "ban",
				(auth) -> post("/api/bans", auth, "{\"kind\":\"name\",\"value\":\"" + uniqueName("troll") + "\"}"),
				"unban", (auth) -> delete("/api/bans/" + banId, auth), "message",
				(auth) -> post("/api/messages", auth, "{\"to\":null,\"text\":\"hello all\"}"), "actuator kick",
				(auth) -> delete("/actuator/chat/" + student, auth));
		for (Map.Entry<String, Change> change : changes.entrySet()) {
			HttpResponse<String> denied = change.getValue().apply(VIEWER);
			assertThat(denied.statusCode()).as("viewer " + change.getKey()).isEqualTo(403);
			assertThat(tree(denied).get("message").asString()).as(change.getKey()).contains("only a moderator");
		}
		assertThat(this.registry.user(student)).as("a viewer kicked nobody").isNotNull();
		assertThat(get("/api/bans", VIEWER).body()).contains(banId);
		for (String key : List.of("message", "ban", "unban", "kick")) {
			assertThat(changes.get(key).apply(MODERATOR).statusCode()).as("moderator " + key).isBetween(200, 299);
		}
		client.expectLine("DELIVERY teaching-team hello all");
		client.expectClosed();
		String other = uniqueName("student");
		login("127.0.0.2", other);
		assertThat(delete("/actuator/chat/" + other, MODERATOR).statusCode()).isBetween(200, 299);
		String third = uniqueName("student");
		login("127.0.0.2", third);
		assertThat(delete("/actuator/chat/" + third, basic("operator", "operator-password")).statusCode())
			.as("spring.security.user stays a moderator")
			.isBetween(200, 299);
		await().until(() -> this.registry.user(third) == null);
		assertThat(send(request("/actuator/health")).statusCode()).isEqualTo(200);
	}

	@Test
	void o1_elevenWrongPasswordsFromOneAddressGet429() throws Exception {
		String wrong = basic("moderator", "guess");
		for (int i = 1; i <= 10; i++) {
			assertThat(statusFrom("127.0.0.7", "GET", "/api/bans", wrong)).as("attempt " + i).isEqualTo(401);
		}
		assertThat(statusFrom("127.0.0.7", "GET", "/api/bans", wrong)).as("attempt 11").isEqualTo(429);
		assertThat(statusFrom("127.0.0.7", "GET", "/api/bans", MODERATOR)).as("even the right password").isEqualTo(429);
		assertThat(statusFrom("127.0.0.8", "GET", "/api/bans", MODERATOR)).as("another address").isEqualTo(200);
		assertThat(this.meters.get("chat.console.logins").tag("outcome", "throttled").counter().count())
			.isGreaterThanOrEqualTo(2);
	}

	@Test
	void o4_anAddressBanRefusesAConnectWithBusyAndKicks() throws Exception {
		TestClient online = login("127.0.0.3", uniqueName("nat"));
		JsonNode preview = tree(get("/api/bans/preview?kind=address&value=127.0.0.3", MODERATOR));
		assertThat(preview.get("users")).hasSize(1);
		assertThat(preview.get("connections").asInt()).isEqualTo(1);
		double refused = refusedBanned();
		String id = ban("address", "127.0.0.3", "30m", true);
		online.expectClosed();
		TestClient refusedClient = connect("127.0.0.3");
		refusedClient.expectLine("BUSY");
		refusedClient.expectClosed();
		assertThat(refusedBanned()).isEqualTo(refused + 1);
		login("127.0.0.4", uniqueName("neighbour"));
		JsonNode kicked = tree(get("/api/closed?address=127.0.0.3", VIEWER)).get(0);
		assertThat(kicked.get("rule").asString()).isEqualTo("O4");
		assertThat(delete("/api/bans/" + id, MODERATOR).statusCode()).isEqualTo(200);
		login("127.0.0.3", uniqueName("back"));
		JsonNode audit = tree(get("/api/audit", VIEWER));
		assertThat(audit.get(0).get("action").asString()).isEqualTo("unban");
		assertThat(audit.get(1).get("action").asString()).isEqualTo("ban");
		assertThat(audit.get(1).get("operator").asString()).isEqualTo("moderator");
		assertThat(audit.get(1).get("target").asString()).isEqualTo("address 127.0.0.3");
	}

	@Test
	void o4_aCidrBanRefusesEveryAddressInItsBlock() throws Exception {
		String id = ban("address", "127.0.1.0/24", "30m", false);
		for (String from : List.of("127.0.1.1", "127.0.1.254")) {
			TestClient client = connect(from);
			client.expectLine("BUSY");
			client.expectClosed();
		}
		login("127.0.2.1", uniqueName("outside"));
		assertThat(delete("/api/bans/" + id, MODERATOR).statusCode()).isEqualTo(200);
	}

	@Test
	void o4_aNameBanAnswersHelloFromWithBusyLookAlikesAndUdpToo() throws Exception {
		String name = "mallory" + uniqueName("");
		double banned = loginsBanned();
		String id = ban("name", name, "30m", false);
		List<String> lookAlikes = List.of(name, name.toUpperCase(), "m\u0430" + name.substring(2),
				"\uFF4D" + name.substring(1));
		for (String lookAlike : lookAlikes) {
			TestClient client = connect("127.0.0.5");
			client.send("HELLO-FROM " + lookAlike).expectLine("BUSY");
			client.expectClosed();
		}
		UdpTestClient udp = udp();
		udp.send("HELLO-FROM " + name).expect("BUSY");
		assertThat(loginsBanned()).isEqualTo(banned + lookAlikes.size() + 1);
		JsonNode closed = tree(get("/api/closed?address=127.0.0.5", VIEWER)).get(0);
		assertThat(closed.get("rule").asString()).isEqualTo("O4");
		assertThat(closed.get("reason").asString()).contains("is banned");
		assertThat(delete("/api/bans/" + id, MODERATOR).statusCode()).isEqualTo(200);
		login("127.0.0.5", name);
	}

	@Test
	void o4_aMalformedBanIs400WithAMessage() throws Exception {
		for (String body : List.of("{\"kind\":\"name\",\"value\":\"no spaces\"}",
				"{\"kind\":\"address\",\"value\":\"300.1.1.1\"}", "{\"kind\":\"address\",\"value\":\"10.0.0.0/33\"}",
				"{\"kind\":\"user\",\"value\":\"bob\"}", "{\"kind\":\"name\",\"value\":\"bob\",\"expires\":\"soon\"}",
				"{\"kind\":\"name\"}", "not json")) {
			HttpResponse<String> response = post("/api/bans", MODERATOR, body);
			assertThat(response.statusCode()).as(body).isEqualTo(400);
			assertThat(tree(response).get("message").asString()).as(body).isNotBlank();
		}
		assertThat(delete("/api/bans/nosuchban", MODERATOR).statusCode()).isEqualTo(404);
		assertThat(delete("/api/connections/nosuchconnection", MODERATOR).statusCode()).isEqualTo(404);
		assertThat(post("/api/messages", MODERATOR, "{\"to\":\"nobody-here\",\"text\":\"hi\"}").statusCode())
			.isEqualTo(404);
	}

	@Test
	void o5_aMessageToEveryoneReachesEveryStudentWhileOneReadsNothing() throws Exception {
		TestClient stalled = track(TestClient.connectWithTinyReceiveBuffer(port()));
		stalled.send("HELLO-FROM " + uniqueName("asleep")).readLine();
		List<TestClient> students = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			students.add(login("127.0.0." + (20 + i), uniqueName("student")));
		}
		String filler = "x".repeat(4000);
		for (int round = 0; round < 40; round++) {
			String text = round + " " + filler;
			assertThat(post("/api/messages", MODERATOR, "{\"to\":null,\"text\":\"" + text + "\"}").statusCode())
				.isEqualTo(202);
			for (TestClient student : students) {
				student.expectLine("DELIVERY teaching-team " + text);
			}
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> this.registry.users().size() == students.size());
	}

	@Test
	void o5_sendToTheTeachingTeamGetsSendOkAndShowsInMessages() throws Exception {
		String name = uniqueName("asking");
		TestClient student = login("127.0.0.2", name);
		student.send("LIST");
		assertThat(student.readLine())
			.startsWith("LIST-OK echobot,delaybot,burstbot,splitbot,bigbot,chattybot,teaching-team,");
		student.send("SEND teaching-team is the server down?").expectLine("SEND-OK");
		JsonNode message = tree(get("/api/messages", VIEWER)).get(0);
		assertThat(message.get("direction").asString()).isEqualTo("in");
		assertThat(message.get("from").asString()).isEqualTo(name);
		assertThat(message.get("text").asString()).isEqualTo("is the server down?");
		TestClient impostor = connect("127.0.0.2");
		impostor.send("HELLO-FROM Teaching-Team").expectLine("IN-USE");
		impostor.expectClosed();
		assertThat(post("/api/messages", MODERATOR, "{\"to\":\"" + name + "\",\"text\":\"no, it is up\"}").statusCode())
			.isEqualTo(202);
		student.expectLine("DELIVERY teaching-team no, it is up");
	}

	@Test
	void o9_theEventStreamCarriesACloseWithItsReason() throws Exception {
		List<String> lines = new CopyOnWriteArrayList<>();
		HttpResponse<Stream<String>> stream = followEvents(lines);
		assertThat(stream.statusCode()).isEqualTo(200);
		try {
			await().until(() -> !lines.isEmpty());
			TestClient client = connect("127.0.0.6");
			client.send("LIST").expectLine("BAD-RQST-HDR");
			client.expectClosed();
			await().until(() -> lines.stream()
				.anyMatch((line) -> line.startsWith("data:") && line.contains("\"close\"")
						&& line.contains("\"rule\":\"L4\"") && line.contains("127.0.0.6")));
			assertThat(lines).anyMatch((line) -> line.equals("event:close"));
			assertThat(lines).anyMatch((line) -> line.startsWith("data:") && line.contains("\"error\""));
		}
		finally {
			stream.body().close();
		}
	}

	@Test
	void o9_aBurstOfEventsArrivesWholeAndInOrder() throws Exception {
		List<String> lines = new CopyOnWriteArrayList<>();
		HttpResponse<Stream<String>> stream = followEvents(lines);
		try {
			await().until(() -> !lines.isEmpty());
			TestClient client = login("127.0.0.7", uniqueName("burst"));
			StringBuilder burst = new StringBuilder();
			for (int i = 0; i < 150; i++) {
				burst.append("WHO").append(i).append('\n');
			}
			client.sendRaw(burst.toString().getBytes(StandardCharsets.US_ASCII));
			for (int i = 0; i < 150; i++) {
				client.expectLine("BAD-RQST-HDR");
			}
			await().until(() -> lines.stream().anyMatch((line) -> line.contains("\\\"WHO149\\\"")));
			List<String> headers = lines.stream()
				.filter((line) -> line.startsWith("data:") && line.contains("127.0.0.7") && line.contains("\\\"WHO"))
				.map((line) -> line.replaceAll(".*\\\\\"(WHO[0-9]+)\\\\\".*", "$1"))
				.toList();
			List<String> expected = new ArrayList<>();
			for (int i = 0; i < 150; i++) {
				expected.add("WHO" + i);
			}
			assertThat(headers).containsExactlyElementsOf(expected);
		}
		finally {
			stream.body().close();
		}
	}

	@Test
	void r4_noResponseHoldsAStudentsMessageTextButMessages() throws Exception {
		String marker = "MARKER" + System.nanoTime();
		List<String> seen = new CopyOnWriteArrayList<>();
		HttpResponse<Stream<String>> stream = followEvents(seen);
		try {
			String bob = uniqueName("bob");
			TestClient b = login("127.0.0.2", bob);
			String aliceName = uniqueName("alice");
			TestClient alice = login("127.0.0.3", aliceName);
			alice.send("SEND " + bob + " " + marker).expectLine("SEND-OK");
			b.expectLine("DELIVERY " + aliceName + " " + marker);
			alice.send("SEND " + bob + " \u0001" + marker).expectLine("BAD-RQST-BODY");
			alice.send("SEND nobody-" + bob + " " + marker).expectLine("BAD-DEST-USER");
			alice.send("SEND echobot " + marker).expectLine("SEND-OK");
			alice.close();
			List<String> paths = new ArrayList<>(VIEWS);
			for (JsonNode connection : tree(get("/api/connections", VIEWER))) {
				paths.add("/api/connections/" + java.net.URLEncoder.encode(connection.get("id").asString(),
						java.nio.charset.StandardCharsets.UTF_8) + "/trace");
			}
			await().until(() -> tree(get("/api/closed", VIEWER)).size() > 0);
			for (String path : paths) {
				HttpResponse<String> response = get(path, MODERATOR);
				assertThat(response.statusCode()).as(path).isEqualTo(200);
				assertThat(response.body()).as(path).doesNotContain(marker);
			}
			assertThat(String.join("\n", seen)).doesNotContain(marker);
		}
		finally {
			stream.body().close();
		}
	}

	/** Reads an event stream's lines until the test closes it. */
	/**
	 * Opens {@code GET /api/events} as the viewer and adds each line to {@code lines} on
	 * a thread of its own, until the test closes the returned response's body.
	 */
	private HttpResponse<Stream<String>> followEvents(List<String> lines) throws IOException, InterruptedException {
		HttpResponse<Stream<String>> stream = java.net.http.HttpClient.newHttpClient()
			.send(request("/api/events").header("Authorization", VIEWER).build(), HttpResponse.BodyHandlers.ofLines());
		Thread reader = new Thread(() -> {
			try {
				stream.body().forEach(lines::add);
			}
			catch (java.io.UncheckedIOException ex) {
				// closed by the test
			}
		});
		reader.setDaemon(true);
		reader.start();
		return stream;
	}

	private String connectionOf(String name) throws Exception {
		for (JsonNode connection : tree(get("/api/connections", VIEWER))) {
			if (name.equals(connection.get("name").asString(null))) {
				return connection.get("id").asString();
			}
		}
		throw new AssertionError("no connection for " + name);
	}

	private double refusedBanned() {
		return this.meters.get("chat.connections.refused").tag("reason", "banned").counter().count();
	}

	private double loginsBanned() {
		return this.meters.get("chat.logins").tag("outcome", "banned").counter().count();
	}

	@FunctionalInterface
	private interface Change {

		HttpResponse<String> apply(String authorization) throws IOException, InterruptedException;

	}

}
