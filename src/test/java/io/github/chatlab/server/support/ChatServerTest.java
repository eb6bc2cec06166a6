package io.github.chatlab.server.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;

import io.github.chatlab.server.chat.SessionRegistry;
import io.github.chatlab.server.wire.ConnectionTracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Starts the real server on free ports (chat and HTTP) and gives each test fresh clients
 * and unique names; after each test every client is closed and the server is back to no
 * connections, so tests cannot leak into one another. Short time-outs keep the time-out
 * tests quick; the sizes are the defaults of PROTOCOL.md.
 * <p>
 * The application's own context is not a web application: its HTTP side is a child
 * context that starts once the application is ready (http.HttpSideStarter), before the
 * test runs, and publishes its port as {@code local.server.port}. So the test context is
 * {@code WebEnvironment.NONE} with {@code server.port=0}, not {@code RANDOM_PORT}, which
 * would make the main context a web server of its own.
 */
@SpringBootTest(webEnvironment = WebEnvironment.NONE,
		properties = { "chat.port=0", "server.port=0", "chat.max-connections=40", "chat.login-timeout=2s",
				"chat.write-timeout=1s", "chat.close-linger=1s", "spring.security.user.name=" + ChatServerTest.OPERATOR,
				"spring.security.user.password=" + ChatServerTest.OPERATOR_PASSWORD })
public abstract class ChatServerTest {

	/** The operator's HTTP Basic user name for the actuator (R5). */
	protected static final String OPERATOR = "operator";

	/** The operator's password. */
	protected static final String OPERATOR_PASSWORD = "test-operator-password";

	private static final AtomicInteger names = new AtomicInteger();

	@Autowired
	protected TcpNetServerConnectionFactory connectionFactory;

	@Autowired
	protected SessionRegistry registry;

	@Autowired
	protected ConnectionTracker tracker;

	/** The HTTP (actuator) port. */
	@LocalServerPort
	protected int httpPort;

	private final List<TestClient> clients = new ArrayList<>();

	@BeforeEach
	void serverIsIdle() {
		awaitIdle();
	}

	@AfterEach
	void closeClients() throws IOException {
		for (TestClient client : this.clients) {
			client.close();
		}
		this.clients.clear();
		awaitIdle();
	}

	private void awaitIdle() {
		await().until(() -> this.tracker.openConnections() == 0 && this.registry.userCount() == 0);
	}

	protected int port() {
		return this.connectionFactory.getPort();
	}

	/** A name no other test uses. */
	protected static String uniqueName(String base) {
		return base + names.incrementAndGet();
	}

	protected TestClient connect() throws IOException {
		return track(TestClient.connect(port()));
	}

	protected TestClient login(String name) throws IOException {
		return track(TestClient.login(port(), name));
	}

	/**
	 * A user whose receive buffer is as small as the kernel allows and who never reads,
	 * so its socket fills after a few large deliveries (S5, S7).
	 */
	protected TestClient loginStuck(String name) throws IOException {
		TestClient stuck = track(TestClient.connectWithTinyReceiveBuffer(port()));
		stuck.send("HELLO-FROM " + name).expectLine("HELLO " + name);
		return stuck;
	}

	/**
	 * Sends 60 KB messages from {@code sender} to {@code recipient}, who reads nothing,
	 * until one is refused: S5's {@code BAD-DEST-USER} once the recipient's socket took
	 * nothing for {@code chat.write-timeout}.
	 */
	protected static void sendUntilBadDestUser(TestClient sender, String recipient) throws IOException {
		String big = "SEND " + recipient + " " + "b".repeat(60_000);
		String reply;
		int sent = 0;
		do {
			sender.send(big);
			sent++;
			reply = sender.readLine();
		}
		while (reply.equals("SEND-OK") && sent < 10_000);
		assertThat(reply).isEqualTo("BAD-DEST-USER");
	}

	/**
	 * The value of an {@code Authorization} header for HTTP Basic.
	 */
	protected static String basic(String user, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	protected TestClient track(TestClient client) {
		this.clients.add(client);
		return client;
	}

	/** An HTTP request to the server's HTTP side (actuator). */
	protected HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.httpPort + path));
	}

	/** {@code request} with the operator's credentials (R5). */
	protected static HttpRequest.Builder asOperator(HttpRequest.Builder request) {
		return request.header("Authorization", basic(OPERATOR, OPERATOR_PASSWORD));
	}

	protected static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
