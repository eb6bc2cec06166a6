package io.github.chatlab.server.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.github.chatlab.server.chat.CloseReason;
import io.github.chatlab.server.chat.Session;
import io.github.chatlab.server.chat.SessionRegistry;
import io.github.chatlab.server.support.TestClient;
import io.github.chatlab.server.support.UdpTestClient;
import io.github.chatlab.server.udp.UdpChatServer;

import static org.awaitility.Awaitility.await;

/**
 * The console over real sockets and HTTP, as a course hosts it: the {@code lab-host}
 * profile (on loopback, free ports, a bans file of the test's own) with two operator
 * accounts, a viewer and a moderator, beside {@code spring.security.user}. Other hosts
 * are played by 127.0.0.2, 127.0.0.3, …; after each test every client is closed and every
 * user left is disconnected.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "chat.address=127.0.0.1", "chat.port=0", "chat.udp.port=0", "chat.max-clients=16",
				"chat.write-timeout=1s", "chat.close-linger=1s",
				"chat.console.accounts.viewer.password={noop}" + ConsoleServerTest.VIEWER_PASSWORD,
				"chat.console.accounts.viewer.role=viewer",
				"chat.console.accounts.moderator.password={noop}" + ConsoleServerTest.MODERATOR_PASSWORD,
				"chat.console.accounts.moderator.role=moderator", "spring.security.user.name=operator",
				"spring.security.user.password=operator-password" })
@ActiveProfiles("lab-host")
abstract class ConsoleServerTest {

	static final String VIEWER_PASSWORD = "viewer-password";

	static final String MODERATOR_PASSWORD = "moderator-password";

	static final String VIEWER = basic("viewer", VIEWER_PASSWORD);

	static final String MODERATOR = basic("moderator", MODERATOR_PASSWORD);

	static final JsonMapper json = JsonMapper.builder().build();

	private static final AtomicInteger names = new AtomicInteger();

	static final Path bansFile;

	static {
		try {
			bansFile = Files.createTempDirectory("chat-bans").resolve("bans.json");
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@DynamicPropertySource
	static void bansFile(DynamicPropertyRegistry registry) {
		registry.add("chat.bans.file", bansFile::toString);
	}

	@Autowired
	TcpNetServerConnectionFactory connectionFactory;

	@Autowired
	UdpChatServer udpServer;

	@Autowired
	SessionRegistry registry;

	@LocalServerPort
	int httpPort;

	private final List<AutoCloseable> clients = new ArrayList<>();

	@AfterEach
	void closeClients() throws Exception {
		for (AutoCloseable client : this.clients) {
			client.close();
		}
		this.clients.clear();
		for (Session user : this.registry.users()) {
			this.registry.disconnect(String.valueOf(user.name()), CloseReason.OPERATOR);
		}
		await().until(() -> this.registry.userCount() == 0 && this.registry.sessions().isEmpty());
	}

	static String uniqueName(String base) {
		return base + names.incrementAndGet();
	}

	static String basic(String user, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	int port() {
		return this.connectionFactory.getPort();
	}

	TestClient connect(String from) throws IOException {
		return track(TestClient.connectFrom(from, port()));
	}

	TestClient login(String from, String name) throws IOException {
		TestClient client = connect(from);
		client.send("HELLO-FROM " + name).expectLine("HELLO " + name);
		return client;
	}

	UdpTestClient udp() throws IOException {
		return track(UdpTestClient.open(this.udpServer.port()));
	}

	<C extends AutoCloseable> C track(C client) {
		this.clients.add(client);
		return client;
	}

	HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.httpPort + path));
	}

	HttpResponse<String> get(String path, String authorization) throws IOException, InterruptedException {
		return send(request(path).header("Authorization", authorization));
	}

	HttpResponse<String> post(String path, String authorization, String body) throws IOException, InterruptedException {
		return send(request(path).header("Authorization", authorization)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	HttpResponse<String> delete(String path, String authorization) throws IOException, InterruptedException {
		return send(request(path).header("Authorization", authorization).DELETE());
	}

	static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	static JsonNode tree(HttpResponse<String> response) {
		return json.readTree(response.body());
	}

	/** A ban set by the moderator; its id. */
	String ban(String kind, String value, String expires, boolean kick) throws Exception {
		HttpResponse<String> response = post("/api/bans", MODERATOR, "{\"kind\":\"" + kind + "\",\"value\":\"" + value
				+ "\",\"reason\":\"test\",\"expires\":\"" + expires + "\",\"kick\":" + kick + "}");
		if (response.statusCode() != 201) {
			throw new AssertionError("ban: " + response.statusCode() + " " + response.body());
		}
		return tree(response).get("ban").get("id").asString();
	}

	/**
	 * The status of a raw HTTP/1.1 request from {@code sourceAddress} (the JDK's client
	 * cannot choose its source address).
	 */
	int statusFrom(String sourceAddress, String method, String path, String authorization) throws IOException {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.httpPort,
				InetAddress.getByName(sourceAddress), 0)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write((method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + authorization
					+ "\r\nConnection: close\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			StringBuilder status = new StringBuilder();
			int b;
			while ((b = in.read()) >= 0 && b != '\n') {
				status.append((char) b);
			}
			return Integer.parseInt(status.toString().split(" ")[1]);
		}
	}

}
