package io.github.chatlab.server.support;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;

import io.github.chatlab.server.chat.CloseReason;
import io.github.chatlab.server.chat.Session;
import io.github.chatlab.server.chat.SessionRegistry;
import io.github.chatlab.server.udp.UdpChatServer;

import static org.awaitility.Awaitility.await;

/**
 * The base of tests against the UDP server (PROTOCOL.md U) beside TCP, each subclass a
 * {@code @SpringBootTest} with its own {@code chat.udp.*} settings. A UDP client cannot
 * log out, so after each test every user left is disconnected as an operator would, and
 * the server is back to no users.
 */
public abstract class UdpChatServerTest {

	private static final AtomicInteger names = new AtomicInteger();

	@Autowired
	protected UdpChatServer udpServer;

	@Autowired
	protected TcpNetServerConnectionFactory connectionFactory;

	@Autowired
	protected SessionRegistry registry;

	private final List<AutoCloseable> clients = new ArrayList<>();

	@AfterEach
	void logEveryoneOut() throws Exception {
		for (AutoCloseable client : this.clients) {
			client.close();
		}
		this.clients.clear();
		for (Session user : this.registry.users()) {
			this.registry.disconnect(String.valueOf(user.name()), CloseReason.OPERATOR);
		}
		await().until(() -> this.registry.userCount() == 0);
	}

	/** A name no other test uses. */
	protected static String uniqueName(String base) {
		return base + names.incrementAndGet();
	}

	protected UdpTestClient udp() throws IOException {
		return track(UdpTestClient.open(this.udpServer.port()));
	}

	protected UdpTestClient udpFrom(String localAddress) throws IOException {
		return track(UdpTestClient.openFrom(localAddress, this.udpServer.port()));
	}

	protected UdpTestClient udpLogin(String name) throws IOException {
		return track(UdpTestClient.login(this.udpServer.port(), name));
	}

	protected TestClient tcp() throws IOException {
		return track(TestClient.connect(this.connectionFactory.getPort()));
	}

	protected TestClient tcpLogin(String name) throws IOException {
		return track(TestClient.login(this.connectionFactory.getPort(), name));
	}

	protected <C extends AutoCloseable> C track(C client) {
		this.clients.add(client);
		return client;
	}

}
