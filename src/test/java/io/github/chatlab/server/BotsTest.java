package io.github.chatlab.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

import io.github.chatlab.server.support.ChatServerTest;
import io.github.chatlab.server.chat.CloseReason;
import io.github.chatlab.server.support.TestClient;
import io.github.chatlab.server.support.UdpTestClient;
import io.github.chatlab.server.udp.UdpChatServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The built-in bots of the {@code lab-host} profile: echobot and delaybot, and the four
 * that provoke the classic client bugs (burstbot, splitbot, bigbot, chattybot), asserted
 * byte for byte and write by write.
 */
@ActiveProfiles("lab-host")
@TestPropertySource(properties = { "chat.address=127.0.0.1", "chat.udp.port=0", "chat.max-clients=16",
		"chat.bots.delaybot.step=300ms", "chat.bots.echobot.delay=200ms", "chat.bots.burstbot.delay=200ms",
		"chat.bots.splitbot.pause=300ms", "chat.bots.chattybot.interval=200ms" })
class BotsTest extends ChatServerTest {

	private static final long STEP_MILLIS = 300;

	@Autowired
	private UdpChatServer udpServer;

	private static final String BOTS = "echobot,delaybot,burstbot,splitbot,bigbot,chattybot";

	/** {@code chat.max-line-bytes} less {@code "DELIVERY bigbot "}. */
	private static final int BIGBOT_MAX = 65536 - "DELIVERY bigbot ".length();

	@Test
	void botsAreListedFirstAndTheirNamesAreTaken() throws IOException {
		TestClient alice = login("alice");
		alice.send("LIST").expectLine("LIST-OK " + BOTS + ",teaching-team,alice");
		// lab-host makes look-alike names one name (L2): a Cyrillic е, capitals
		for (String bot : new String[] { "echobot", "delaybot", "burstbot", "splitbot", "bigbot", "chattybot",
				"\u0435chobot", "DELAYBOT", "Bigbot" }) {
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
		alice.send("LIST").expectLine("LIST-OK " + BOTS + ",teaching-team,alice");
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
		assertThat(after).containsExactlyInAnyOrder("LIST-OK " + BOTS + ",teaching-team,alice,bob",
				"DELIVERY bob in between");
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

	@Test
	void burstbotsThreeLinesArriveInOneRead() throws IOException {
		TestClient alice = login("alice");
		alice.send("SEND burstbot three at once");
		assertThat(ascii(alice.readSome())).isEqualTo("SEND-OK\n");
		assertThat(ascii(alice.readSome())).as("one read").isEqualTo("DELIVERY burstbot three at once\n".repeat(3));
		alice.send("LIST").expectLine("LIST-OK " + BOTS + ",teaching-team,alice");
	}

	@Test
	void s6_burstbotsBurstIsWrittenWholeBetweenOtherLines() throws IOException {
		TestClient alice = login("alice");
		TestClient bob = login("bob");
		alice.send("SEND burstbot b").expectLine("SEND-OK");
		bob.send("SEND alice from bob").expectLine("SEND-OK");
		List<String> lines = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			lines.add(alice.readLine());
		}
		int first = lines.indexOf("DELIVERY burstbot b");
		assertThat(lines.subList(first, first + 3)).containsOnly("DELIVERY burstbot b");
		assertThat(lines).contains("DELIVERY bob from bob");
	}

	@Test
	void splitbotsFirstReadEndsInsideTheFirstMultiByteCharacter() throws IOException {
		TestClient alice = login("alice");
		alice.send("SEND splitbot caf\u00e9 cr\u00e8me").expectLine("SEND-OK");
		byte[] first = alice.readSome();
		long firstAt = System.nanoTime();
		assertThat(first).as("up to the lead byte of \u00e9")
			.isEqualTo(Arrays.copyOf(bytes("DELIVERY splitbot caf\u00e9"), "DELIVERY splitbot caf".length() + 1));
		byte[] second = alice.readSome();
		assertThat((System.nanoTime() - firstAt) / 1_000_000).isGreaterThanOrEqualTo(STEP_MILLIS / 2);
		assertThat(second[0] & 0xFF).as("the continuation byte of \u00e9").isEqualTo(0xA9);
		assertThat(concat(first, second)).isEqualTo(bytes("DELIVERY splitbot caf\u00e9 cr\u00e8me\n"));
		// once, not twice
		alice.expectSilenceFor(Duration.ofMillis(STEP_MILLIS * 2));
	}

	@Test
	void splitbotCutsAnAsciiMessageMidLine() throws IOException {
		TestClient alice = login("alice");
		alice.send("SEND splitbot plain ascii").expectLine("SEND-OK");
		String line = "DELIVERY splitbot plain ascii\n";
		assertThat(ascii(alice.readSome())).isEqualTo(line.substring(0, line.length() / 2));
		assertThat(ascii(alice.readSome())).isEqualTo(line.substring(line.length() / 2));
	}

	@Test
	void bigbotsMessageIsExactlyNBytesEndingWithN() throws IOException {
		TestClient alice = login("alice");
		for (int n : new int[] { 1, 25, 1_000, 1_024, 4_096, BIGBOT_MAX }) {
			alice.send("SEND bigbot " + n).expectLine("SEND-OK");
			byte[] line = alice.readLineBytes();
			String text = ascii(line).substring("DELIVERY bigbot ".length());
			assertThat(text).hasSize(n).endsWith(Integer.toString(n)).matches("[.0-9]+");
		}
		alice.send("SEND bigbot 25").expectLine("SEND-OK").expectLine("DELIVERY bigbot ....5........15........25");
		alice.send("LIST").expectLine("LIST-OK " + BOTS + ",teaching-team,alice");
	}

	@Test
	void f5_bigbotsLongestLineFillsMaxLineBytes() throws IOException {
		TestClient alice = login("alice");
		alice.send("SEND bigbot " + BIGBOT_MAX).expectLine("SEND-OK");
		assertThat(alice.readLineBytes()).hasSize(65536);
	}

	@Test
	void bigbotExplainsItselfForAnythingButANumberInRange() throws IOException {
		TestClient alice = login("alice");
		for (String wrong : new String[] { "0", "-5", "12x", "hello", " 7", Integer.toString(BIGBOT_MAX + 1),
				"99999999999" }) {
			alice.send("SEND bigbot " + wrong).expectLine("SEND-OK");
			assertThat(alice.readLine())
				.startsWith("DELIVERY bigbot usage: SEND bigbot <n>, n from 1 to " + BIGBOT_MAX);
		}
	}

	@Test
	void chattybotSendsNMessagesAnIntervalApartWhileTheClientSendsNothing() throws IOException {
		TestClient alice = login("alice");
		alice.send("SEND chattybot 3").expectLine("SEND-OK");
		long sentAt = System.nanoTime();
		List<Long> arrivals = new ArrayList<>();
		for (int i = 1; i <= 3; i++) {
			assertThat(alice.readLine()).startsWith("DELIVERY chattybot " + i + " of 3, one every 200 ms");
			arrivals.add((System.nanoTime() - sentAt) / 1_000_000);
		}
		assertThat(arrivals.get(0)).isGreaterThanOrEqualTo(150);
		assertThat(arrivals.get(1) - arrivals.get(0)).isGreaterThanOrEqualTo(150);
		assertThat(arrivals.get(2) - arrivals.get(1)).isGreaterThanOrEqualTo(150);
		// exactly n
		alice.expectSilenceFor(Duration.ofMillis(500));
	}

	@Test
	void chattybotExplainsItselfOutsideOneToTwenty() throws IOException {
		TestClient alice = login("alice");
		for (String wrong : new String[] { "0", "21", "lots" }) {
			alice.send("SEND chattybot " + wrong).expectLine("SEND-OK");
			assertThat(alice.readLine()).startsWith("DELIVERY chattybot usage: SEND chattybot <n>, n from 1 to 20");
		}
		alice.expectSilenceFor(Duration.ofMillis(500));
	}

	@Test
	void s8_chattybotsBacklogIsBoundedToo() throws IOException {
		TestClient alice = login("alice");
		alice.sendRaw(bytes("SEND chattybot 1\n".repeat(20)));
		List<String> replies = new ArrayList<>();
		while (replies.size() < 20) {
			String line = alice.readLine();
			if (!line.startsWith("DELIVERY")) {
				replies.add(line);
			}
		}
		assertThat(replies.subList(0, 16)).containsOnly("SEND-OK");
		assertThat(replies.subList(16, 20)).containsOnly("BAD-DEST-USER");
	}

	@Test
	void u1_overUdpEachLineOfABotIsADatagramOfItsOwn() throws IOException {
		try (UdpTestClient alice = UdpTestClient.login(this.udpServer.port(), "udp-alice")) {
			// burstbot first: its empty closing piece may still be on its way after its
			// three lines arrived, and splitbot's first piece waits for it
			alice.send("SEND burstbot datagrams").expect("SEND-OK");
			for (int i = 0; i < 3; i++) {
				alice.expect("DELIVERY burstbot datagrams");
			}
			alice.send("SEND splitbot caf\u00e9").expect("SEND-OK").expect("DELIVERY splitbot caf\u00e9");
			alice.send("SEND bigbot 25").expect("SEND-OK").expect("DELIVERY bigbot ....5........15........25");
		}
		finally {
			// UDP has no logout
			this.registry.disconnect("udp-alice", CloseReason.OPERATOR);
		}
	}

	private static String ascii(byte[] bytes) {
		return new String(bytes, StandardCharsets.US_ASCII);
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] concat(byte[] first, byte[] second) {
		byte[] both = Arrays.copyOf(first, first.length + second.length);
		System.arraycopy(second, 0, both, first.length, second.length);
		return both;
	}

}
