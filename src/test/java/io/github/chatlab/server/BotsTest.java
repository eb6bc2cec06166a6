package io.github.chatlab.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

import io.github.chatlab.server.support.ChatServerTest;
import io.github.chatlab.server.support.TestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The built-in bots of the {@code lab-host} profile: echobot and delaybot. */
@ActiveProfiles("lab-host")
@TestPropertySource(properties = { "chat.address=127.0.0.1", "chat.udp.port=0", "chat.max-clients=16",
		"chat.bots.delaybot.step=300ms", "chat.bots.echobot.delay=200ms" })
class BotsTest extends ChatServerTest {

	private static final long STEP_MILLIS = 300;

	@Test
	void botsAreListedFirstAndTheirNamesAreTaken() throws IOException {
		TestClient alice = login("alice");
		alice.send("LIST").expectLine("LIST-OK echobot,delaybot,alice");
		// lab-host makes look-alike names one name (L2): a Cyrillic е, capitals
		for (String bot : new String[] { "echobot", "delaybot", "\u0435chobot", "DELAYBOT" }) {
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
	void echobotsDeliveryComesInAWriteOfItsOwnAfterSendOk() throws IOException {
		TestClient alice = login("alice");
		alice.send("SEND echobot one line per wake-up");
		assertThat(new String(alice.readSome(), StandardCharsets.US_ASCII)).isEqualTo("SEND-OK\n");
		assertThat(new String(alice.readSome(), StandardCharsets.US_ASCII))
			.isEqualTo("DELIVERY echobot one line per wake-up\n");
	}

	@Test
	void s8_aBotsBacklogPerClientIsBoundedAndBeyondItSendIsBadDestUser() throws IOException {
		TestClient alice = login("alice");
		StringBuilder burst = new StringBuilder();
		for (int i = 0; i < 20; i++) {
			burst.append("SEND delaybot m").append(i).append('\n');
		}
		alice.sendRaw(burst.toString().getBytes(StandardCharsets.US_ASCII));
		List<String> replies = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			String line = alice.readLine();
			if (line.startsWith("DELIVERY")) {
				i--;
				continue;
			}
			replies.add(line);
		}
		assertThat(replies.subList(0, 16)).containsOnly("SEND-OK");
		assertThat(replies.subList(16, 20)).containsOnly("BAD-DEST-USER");
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
		// written only once delaybot's lines were whole
		bob.expectLine("SEND-OK");
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

}
