package io.github.chatlab.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;

import io.github.chatlab.server.chat.SessionRegistry;
import io.github.chatlab.server.support.TestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The built-in bots of the {@code lab-host} profile: echobot and delaybot. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "spring.profiles.active=lab-host",
		"chat.address=127.0.0.1", "chat.port=0", "chat.udp.port=0", "chat.bots.delaybot.step=300ms" })
class BotsTest {

	private static final long STEP_MILLIS = 300;

	@Autowired
	private TcpNetServerConnectionFactory connectionFactory;

	@Autowired
	private SessionRegistry registry;

	private final List<TestClient> clients = new ArrayList<>();

	@AfterEach
	void closeClients() throws IOException {
		for (TestClient client : this.clients) {
			client.close();
		}
		await().until(() -> this.registry.userCount() == 0);
	}

	@Test
	void botsAreListedFirstAndTheirNamesAreTaken() throws IOException {
		TestClient alice = login("alice");
		alice.send("LIST").expectLine("LIST-OK echobot,delaybot,alice");
		for (String bot : new String[] { "echobot", "delaybot" }) {
			TestClient impostor = connect();
			impostor.send("HELLO-FROM " + bot).expectLine("IN-USE");
			impostor.expectClosed();
		}
	}

	@Test
	void botsDoNotCountTowardsMaxClients() throws IOException {
		for (int i = 0; i < 16; i++) {
			login("human" + i);
		}
		TestClient seventeenth = connect();
		seventeenth.send("HELLO-FROM human16").expectLine("BUSY");
		seventeenth.expectClosed();
	}

	@Test
	void echobotSendsTheMessageBackByteForByteAfterSendOk() throws IOException {
		TestClient alice = login("alice");
		String message = "  ünïcödé\twith spaces  ";
		alice.send("SEND echobot " + message).expectLine("SEND-OK");
		assertThat(alice.readLineBytes()).isEqualTo(("DELIVERY echobot " + message).getBytes(StandardCharsets.UTF_8));
		alice.send("LIST").expectLine("LIST-OK echobot,delaybot,alice");
	}

	@Test
	void delaybotSendsTheMessageBackTwiceInThreeFragmentsAStepApart() throws IOException {
		TestClient alice = login("alice");
		alice.send("SEND delaybot hello world").expectLine("SEND-OK");
		byte[] first = "DELIVERY delaybot hello".getBytes(StandardCharsets.US_ASCII);
		byte[] second = " world\nDELI".getBytes(StandardCharsets.US_ASCII);
		byte[] third = "VERY delaybot hello world\n".getBytes(StandardCharsets.US_ASCII);

		assertThat(alice.readExactly(first.length)).isEqualTo(first);
		long firstAt = System.nanoTime();
		assertThat(alice.available()).as("nothing past the first fragment yet").isZero();
		assertThat(alice.readSome()).isEqualTo(second);
		long secondAt = System.nanoTime();
		assertThat(alice.readSome()).isEqualTo(third);
		long thirdAt = System.nanoTime();
		assertThat((secondAt - firstAt) / 1_000_000).isGreaterThanOrEqualTo(STEP_MILLIS / 2);
		assertThat((thirdAt - secondAt) / 1_000_000).isGreaterThanOrEqualTo(STEP_MILLIS / 2);
	}

	@Test
	void noOtherLineLandsInsideAFragmentedLine() throws IOException {
		TestClient alice = login("alice");
		TestClient bob = login("bob");
		alice.send("SEND delaybot 0123456789").expectLine("SEND-OK");
		assertThat(new String(alice.readExactly("DELIVERY delaybot 01234".length()), StandardCharsets.US_ASCII))
			.isEqualTo("DELIVERY delaybot 01234");
		alice.send("LIST");
		bob.send("SEND alice in between");
		bob.expectLine("SEND-OK"); // written only once delaybot's lines were whole
		alice.expectLine("56789").expectLine("DELIVERY delaybot 0123456789");
		List<String> after = List.of(alice.readLine(), alice.readLine());
		assertThat(after).containsExactlyInAnyOrder("LIST-OK echobot,delaybot,alice,bob", "DELIVERY bob in between");
	}

	@Test
	void aClientThatLeavesWhileDelaybotIsMidWayBreaksNothing() throws IOException {
		TestClient alice = login("alice");
		alice.send("SEND delaybot going away").expectLine("SEND-OK");
		alice.readExactly("DELIVERY delaybot going".length());
		alice.close();
		await().until(() -> this.registry.user("alice") == null);
		TestClient again = login("alice");
		again.send("SEND delaybot back").expectLine("SEND-OK");
		again.expectLine("DELIVERY delaybot back").expectLine("DELIVERY delaybot back");
		again.send("SEND echobot still fine").expectLine("SEND-OK").expectLine("DELIVERY echobot still fine");
	}

	private TestClient connect() throws IOException {
		TestClient client = TestClient.connect(this.connectionFactory.getPort());
		this.clients.add(client);
		return client;
	}

	private TestClient login(String name) throws IOException {
		TestClient client = TestClient.login(this.connectionFactory.getPort(), name);
		this.clients.add(client);
		return client;
	}

}
