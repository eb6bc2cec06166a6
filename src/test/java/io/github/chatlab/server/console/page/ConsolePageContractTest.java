package io.github.chatlab.server.console.page;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.ClassPathResource;
import org.springframework.test.context.TestPropertySource;

import io.github.chatlab.server.support.ChatServerTest;
import io.github.chatlab.server.support.TestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The JSON contract between the console page and the API (O7, O9): every endpoint the
 * page reads answers, with real data behind it, the fields the page's modules read, of
 * the types they expect; every event the stream sends has a handler in
 * {@code console.js}. A field renamed on either side fails here, not silently in a
 * browser. The fields below are those the page's modules read, module by module.
 */
@TestPropertySource(properties = { "chat.console.enabled=true", "chat.console.history.interval=1s",
		"chat.login-timeout=30s", "chat.bans.file=${java.io.tmpdir}/console-contract-bans-${random.uuid}.json" })
class ConsolePageContractTest extends ChatServerTest {

	private static final JsonMapper json = JsonMapper.builder().build();

	/** roster.js (and the ban form's fallback count). */
	private static final Map<String, Kind> CONNECTION = fields("id", Kind.STRING, "transport", Kind.TRANSPORT,
			"address", Kind.STRING, "name", Kind.STRING_OR_NULL, "since", Kind.INSTANT, "linesIn", Kind.NUMBER,
			"linesOut", Kind.NUMBER, "errors", Kind.NUMBER);

	/** trace.js, for each line. */
	private static final Map<String, Kind> TRACE_ENTRY = fields("at", Kind.INSTANT, "dir", Kind.DIRECTION, "text",
			Kind.STRING, "bytes", Kind.NUMBER);

	/** trace.js, for an error line besides the above. */
	private static final Map<String, Kind> TRACE_ERROR = fields("reply", Kind.STRING, "rule", Kind.STRING, "reason",
			Kind.STRING);

	/** lists.js ClosedList, and trace.js for a closed connection's trace. */
	private static final Map<String, Kind> CLOSED = fields("id", Kind.STRING, "transport", Kind.TRANSPORT, "address",
			Kind.STRING, "name", Kind.STRING_OR_NULL, "closed", Kind.INSTANT, "rule", Kind.STRING_OR_NULL, "reason",
			Kind.STRING_OR_NULL, "entries", Kind.ARRAY);

	/** lists.js BanList. */
	private static final Map<String, Kind> BAN = fields("id", Kind.STRING, "kind", Kind.STRING, "value", Kind.STRING,
			"reason", Kind.STRING, "setBy", Kind.STRING, "expires", Kind.INSTANT_OR_NULL);

	/** lists.js MessageList. */
	private static final Map<String, Kind> MESSAGE = fields("at", Kind.INSTANT, "direction", Kind.DIRECTION, "from",
			Kind.STRING, "text", Kind.STRING);

	/** lists.js AuditList. */
	private static final Map<String, Kind> AUDIT = fields("at", Kind.INSTANT, "operator", Kind.STRING, "address",
			Kind.STRING, "action", Kind.STRING, "target", Kind.STRING);

	/** charts.js, for each sample. */
	private static final Map<String, Kind> SAMPLE = fields("at", Kind.INSTANT, "usersOnline", Kind.NUMBER,
			"connectionsOpen", Kind.NUMBER, "logins", Kind.COUNTS, "sends", Kind.COUNTS, "errors", Kind.COUNTS,
			"disconnects", Kind.COUNTS, "refusals", Kind.COUNTS);

	@Test
	void o9_everyEndpointThePageReadsAnswersTheFieldsItReads() throws Exception {
		CompletableFuture<Set<String>> events = eventNames(Duration.ofSeconds(8));
		String name = uniqueName("shape");
		TestClient client = track(TestClient.connectFrom("127.0.0.2", port()));
		client.send("HELLO-FROM " + name).expectLine("HELLO " + name);
		client.send("SEND " + name).expectLine("BAD-RQST-BODY");
		client.send("SEND teaching-team a question").expectLine("SEND-OK");
		TestClient leaving = track(TestClient.login(port(), uniqueName("leaving")));
		leaving.close();
		track(TestClient.connect(port()));
		post("/api/messages", "{\"to\":null,\"text\":\"welcome\"}", 202);
		client.expectLine("DELIVERY teaching-team welcome");
		JsonNode set = post("/api/bans",
				"{\"kind\":\"address\",\"value\":\"192.0.2.7\",\"reason\":\"contract\",\"expires\":\"30m\",\"kick\":false}",
				201);

		await().atMost(Duration.ofSeconds(5)).until(() -> get("/api/connections").size() >= 2);
		JsonNode connections = get("/api/connections");
		assertThat(connections.isArray()).isTrue();
		connections.forEach((connection) -> assertShape("/api/connections", connection, CONNECTION));
		JsonNode mine = find(connections, "name", name);
		assertThat(mine.get("address").asString()).isEqualTo("127.0.0.2");
		assertThat(mine.get("errors").asLong()).isEqualTo(1);
		assertThat(connections.valueStream().anyMatch((c) -> c.get("name").isNull())).as("a connection not logged in")
			.isTrue();

		JsonNode trace = entries(get("/api/connections/" + encode(mine.get("id").asString()) + "/trace"));
		trace.forEach((entry) -> assertShape("trace", entry, TRACE_ENTRY));
		JsonNode error = trace.valueStream().filter((entry) -> entry.hasNonNull("rule")).findFirst().orElseThrow();
		assertShape("trace error", error, TRACE_ERROR);
		assertThat(error.get("rule").asString()).isEqualTo("S2");

		await().atMost(Duration.ofSeconds(5)).until(() -> get("/api/closed").size() > 0);
		get("/api/closed").forEach((closed) -> {
			assertShape("/api/closed", closed, CLOSED);
			closed.get("entries").forEach((entry) -> assertShape("closed trace", entry, TRACE_ENTRY));
		});

		get("/api/bans").forEach((ban) -> assertShape("/api/bans", ban, BAN));
		assertShape("POST /api/bans", set.get("ban"), BAN);
		JsonNode preview = get("/api/bans/preview?kind=address&value=127.0.0.2");
		assertThat(preview.get("connections").asInt()).isEqualTo(1);
		assertThat(preview.get("users").get(0).get("name").asString()).isEqualTo(name);

		JsonNode messages = get("/api/messages");
		messages.forEach((message) -> assertShape("/api/messages", message, MESSAGE));
		assertThat(messages.valueStream().map((m) -> m.get("direction").asString())).contains("in", "out");
		JsonNode out = messages.valueStream()
			.filter((m) -> "out".equals(m.get("direction").asString()))
			.findFirst()
			.orElseThrow();
		assertThat(out.hasNonNull("to")).as("a message to everyone has no 'to' (the page shows 'everyone')").isFalse();
		assertThat(out.get("recipients").isNumber() && out.get("delivered").isNumber()).isTrue();

		get("/api/audit").forEach((entry) -> assertShape("/api/audit", entry, AUDIT));
		assertThat(get("/api/audit").size()).isGreaterThanOrEqualTo(2);

		await().atMost(Duration.ofSeconds(5)).until(() -> get("/api/history").get("samples").size() > 0);
		JsonNode history = get("/api/history");
		assertThat(history.get("maxClients").isNumber()).as("maxClients").isTrue();
		history.get("samples").forEach((sample) -> assertShape("/api/history", sample, SAMPLE));

		Set<String> handled = pageEventHandlers();
		assertThat(events.get(20, TimeUnit.SECONDS)).isNotEmpty()
			.allSatisfy(
					(event) -> assertThat(handled).as("console.js handles the event '" + event + "'").contains(event));
	}

	@Test
	void o9_theSessionEndpointGivesThePageItsUserRoleAndCsrfToken() throws Exception {
		JsonNode anonymous = json.readTree(send(request("/console/session")).body());
		assertThat(anonymous.get("user").isNull()).isTrue();
		assertThat(anonymous.get("role").isNull()).isTrue();
		assertThat(anonymous.get("csrf").get("header").asString()).isEqualTo("X-CSRF-TOKEN");
		assertThat(anonymous.get("csrf").get("parameter").asString()).isEqualTo("_csrf");
		assertThat(anonymous.get("csrf").get("token").asString()).isNotBlank();
	}

	@Test
	void o9_errorsAreJsonWithTheMessageThePageShows() throws Exception {
		HttpResponse<String> malformed = send(asOperator(request("/api/bans"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"kind\":\"nonsense\",\"value\":\"x\",\"reason\":\"r\"}")));
		assertThat(malformed.statusCode()).isEqualTo(400);
		assertThat(json.readTree(malformed.body()).get("message").asString()).isNotBlank();
		HttpResponse<String> unknown = send(asOperator(request("/api/connections/nobody")).DELETE());
		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(json.readTree(unknown.body()).get("message").asString()).isNotBlank();
	}

	/** The event names {@code console.js} has a handler for. */
	static Set<String> pageEventHandlers() throws IOException {
		String script;
		try (InputStream in = new ClassPathResource("static/console/console.js").getInputStream()) {
			script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		Matcher block = Pattern.compile("const handlers = \\{(.*?)\\n\\};", Pattern.DOTALL).matcher(script);
		assertThat(block.find()).as("console.js declares its event handlers").isTrue();
		Set<String> names = new LinkedHashSet<>();
		Matcher key = Pattern.compile("^\\s+'?([\\w-]+)'?:", Pattern.MULTILINE).matcher(block.group(1));
		while (key.find()) {
			names.add(key.group(1));
		}
		return names;
	}

	private CompletableFuture<Set<String>> eventNames(Duration listen) {
		HttpRequest events = asOperator(request("/api/events")).header("Accept", "text/event-stream").build();
		CompletableFuture<Set<String>> names = new CompletableFuture<>();
		Thread reader = new Thread(() -> {
			Set<String> seen = new LinkedHashSet<>();
			long end = System.nanoTime() + listen.toNanos();
			try {
				HttpResponse<InputStream> response = HttpClient.newHttpClient()
					.send(events, HttpResponse.BodyHandlers.ofInputStream());
				try (BufferedReader lines = new BufferedReader(
						new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
					Thread closer = new Thread(() -> {
						try {
							Thread.sleep(Math.max(0, (end - System.nanoTime()) / 1_000_000));
							response.body().close();
						}
						catch (InterruptedException | IOException ex) {
							// done
						}
					});
					closer.setDaemon(true);
					closer.start();
					String line;
					while ((line = lines.readLine()) != null) {
						if (line.startsWith("event:")) {
							seen.add(line.substring("event:".length()).strip());
						}
					}
					closer.interrupt();
				}
			}
			catch (IOException ex) {
				// the stream was closed after listening long enough
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			names.complete(seen);
		}, "contract-events");
		reader.setDaemon(true);
		reader.start();
		return names;
	}

	private JsonNode get(String path) throws IOException, InterruptedException {
		HttpResponse<String> response = send(asOperator(request(path)));
		assertThat(response.statusCode()).as("GET " + path + ": " + response.body()).isEqualTo(200);
		return json.readTree(response.body());
	}

	private JsonNode post(String path, String body, int status) throws IOException, InterruptedException {
		HttpResponse<String> response = send(asOperator(request(path)).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body)));
		assertThat(response.statusCode()).as("POST " + path + ": " + response.body()).isEqualTo(status);
		return json.readTree(response.body());
	}

	private static JsonNode entries(JsonNode trace) {
		return trace.isArray() ? trace : trace.get("entries");
	}

	private static JsonNode find(JsonNode array, String field, String value) {
		return array.valueStream()
			.filter((node) -> value.equals(node.path(field).asString(null)))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no " + field + "=" + value + " in " + array));
	}

	private static String encode(String id) {
		return java.net.URLEncoder.encode(id, StandardCharsets.UTF_8);
	}

	private static void assertShape(String where, JsonNode node, Map<String, Kind> fields) {
		fields.forEach((field, kind) -> {
			JsonNode value = node.get(field);
			assertThat(kind.accepts(value)).as(where + "." + field + " should be " + kind + " in " + node).isTrue();
		});
	}

	private static Map<String, Kind> fields(Object... pairs) {
		Map<String, Kind> fields = new LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			fields.put((String) pairs[i], (Kind) pairs[i + 1]);
		}
		return fields;
	}

	/** A JSON type as the page's modules expect it. */
	enum Kind {

		STRING, STRING_OR_NULL, NUMBER, ARRAY, COUNTS, INSTANT, INSTANT_OR_NULL, TRANSPORT, DIRECTION;

		boolean accepts(JsonNode value) {
			if (value == null || value.isMissingNode()) {
				return this == STRING_OR_NULL || this == INSTANT_OR_NULL;
			}
			return switch (this) {
				case STRING -> value.isString();
				case STRING_OR_NULL -> value.isString() || value.isNull();
				case NUMBER -> value.isNumber();
				case ARRAY -> value.isArray();
				case COUNTS -> value.isObject() && value.valueStream().allMatch(JsonNode::isNumber);
				case INSTANT -> value.isString() && isInstant(value.asString());
				case INSTANT_OR_NULL -> value.isNull() || (value.isString() && isInstant(value.asString()));
				case TRANSPORT -> value.isString() && Set.of("tcp", "udp").contains(value.asString());
				case DIRECTION -> value.isString() && Set.of("in", "out").contains(value.asString());
			};
		}

		private static boolean isInstant(String text) {
			try {
				Instant.parse(text);
				return true;
			}
			catch (RuntimeException ex) {
				return false;
			}
		}

	}

}
