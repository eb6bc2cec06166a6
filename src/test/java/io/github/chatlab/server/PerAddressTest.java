package io.github.chatlab.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;

import io.github.chatlab.server.chat.SessionRegistry;
import io.github.chatlab.server.support.TestClient;
import io.github.chatlab.server.wire.ConnectionTracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * L10 and L11 over real sockets: other hosts are played by source addresses 127.0.0.2,
 * 127.0.0.3, …, while 127.0.0.1 stays exempt, as by default. Each test uses addresses of
 * its own, so one test's buckets cannot touch another's.
 */
@SpringBootTest(webEnvironment = WebEnvironment.NONE,
		properties = { "chat.port=0", "chat.max-clients=6", "chat.per-address.max-users=2",
				"chat.per-address.max-pending=2", "chat.per-address.connect-rate=1", "chat.per-address.connect-burst=4",
				"chat.flood.rate=50", "chat.flood.burst=50" })
class PerAddressTest {

	@Autowired
	private TcpNetServerConnectionFactory connectionFactory;

	@Autowired
	private SessionRegistry registry;

	@Autowired
	private ConnectionTracker tracker;

	@Autowired
	private MeterRegistry meters;

	private final List<TestClient> clients = new ArrayList<>();

	@AfterEach
	void closeClients() throws IOException {
		for (TestClient client : this.clients) {
			client.close();
		}
		await().until(() -> this.tracker.openConnections() == 0 && this.registry.userCount() == 0);
	}

	private TestClient connect(String from) throws IOException {
		TestClient client = TestClient.connectFrom(from, this.connectionFactory.getPort());
		this.clients.add(client);
		return client;
	}

	private TestClient login(String from, String name) throws IOException {
		return connect(from).send("HELLO-FROM " + name).expectLine("HELLO " + name);
	}

	@Test
	void l10_oneAddressCannotTakeEveryLoginSlot() throws IOException {
		login("127.0.0.2", "a1");
		login("127.0.0.2", "a2");
		TestClient third = connect("127.0.0.2").send("HELLO-FROM a3").expectLine("BUSY");
		third.expectClosed();
		login("127.0.0.3", "b1").send("LIST").expectLine("LIST-OK a1,a2,b1");
	}

	@Test
	void l10_oneAddressCannotHoldManyConnectionsWithoutLoggingIn() throws IOException {
		double before = refused("per-address");
		connect("127.0.0.4");
		connect("127.0.0.4");
		await().until(() -> this.tracker.openConnections() == 2);
		TestClient third = connect("127.0.0.4").expectLine("BUSY");
		third.expectClosed();
		assertThat(refused("per-address")).isEqualTo(before + 1);
		login("127.0.0.5", "bystander");
	}

	@Test
	void l10_aLoginFreesItsPendingPlace() throws IOException {
		login("127.0.0.6", "c1");
		connect("127.0.0.6");
		login("127.0.0.6", "c2");
	}

	@Test
	void l10_newConnectionsFromOneAddressAreRateLimitedAfterABurst() throws IOException {
		double before = refused("connect-rate");
		for (int i = 0; i < 4; i++) {
			connect("127.0.0.7").send("LIST").expectLine("BAD-RQST-HDR").expectClosed();
		}
		connect("127.0.0.7").expectLine("BUSY").expectClosed();
		assertThat(refused("connect-rate")).isEqualTo(before + 1);
		login("127.0.0.8", "another-host");
	}

	@Test
	void l10_loopbackIsExempt() throws IOException {
		for (int i = 0; i < 6; i++) {
			login("127.0.0.1", "local" + i);
		}
		// L3.3: max-clients
		connect("127.0.0.1").send("HELLO-FROM local6").expectLine("BUSY");
	}

	@Test
	void l11_aFlooderIsSlowedNeverCutOffAndGetsEveryReplyInOrder() throws IOException {
		double pausedBefore = this.meters.counter("chat.flood.paused").count();
		TestClient flooder = login("127.0.0.9", "flooder");
		StringBuilder burst = new StringBuilder();
		for (int i = 0; i < 150; i++) {
			burst.append((i % 2 == 0) ? "LIST\n" : "WHAT\n");
		}
		flooder.sendRaw(burst.toString().getBytes(StandardCharsets.US_ASCII));
		for (int i = 0; i < 150; i++) {
			flooder.expectLine((i % 2 == 0) ? "LIST-OK flooder" : "BAD-RQST-HDR");
		}
		assertThat(this.meters.counter("chat.flood.paused").count()).isGreaterThan(pausedBefore);
		flooder.send("LIST").expectLine("LIST-OK flooder");
	}

	private double refused(String reason) {
		return this.meters.counter("chat.connections.refused", "reason", reason).count();
	}

}
