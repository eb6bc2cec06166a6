package io.github.chatlab.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import io.github.chatlab.server.chat.CloseReason;
import io.github.chatlab.server.operations.ChatEndpoint;
import io.github.chatlab.server.support.TestClient;
import io.github.chatlab.server.support.UdpChatServerTest;
import io.github.chatlab.server.support.UdpTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * The unreliable-network server (PROTOCOL.md U) on a real UDP socket beside the TCP one,
 * read as transcripts of exact datagrams. Faults are seeded
 * ({@code chat.udp.faults.seed=2024}): a client's faults depend only on the seed and its
 * name, so the tests that check the exact corrupted bytes log in under fixed names. The
 * rate limit is lifted here so the statistical tests can send thousands of requests; it
 * is tested in {@code UdpLimitsTest}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.NONE,
		properties = { "chat.port=0", "chat.udp.enabled=true", "chat.udp.port=0", "chat.udp.faults.seed=2024",
				"chat.udp.rate=1000000", "chat.write-timeout=1s", "chat.send-buffer=4KB",
				"chat.bots.echobot.enabled=true", "chat.bots.delaybot.enabled=true", "chat.bots.delaybot.step=100ms" })
class UdpServerTest extends UdpChatServerTest {

	/**
	 * A request whose reply only says that it was answered: every reply so far has come.
	 */
	private static final String MARKER = "GET DROP";

	@Autowired
	private MeterRegistry meters;

	@Autowired
	private ChatEndpoint endpoint;

	@Test
	void u1_aDatagramCarriesOneRequestUpToItsFirstLfAndOneCrBeforeItIsRemoved() throws IOException {
		String name = uniqueName("bob");
		UdpTestClient bob = udpLogin(name);
		bob.sendRaw(bytes("LIST\r\n")).expect("LIST-OK echobot,delaybot," + name);
		bob.sendRaw(bytes("LIST x\nLIST\n")).expect("BAD-RQST-BODY");
		// no LF: ignored; "LIST\r" keeps its first CR (F2)
		bob.sendRaw(bytes("LIST")).sendRaw(bytes("LIST\r\r\n")).send(MARKER);
		bob.expect("BAD-RQST-HDR").expect("VALUE DROP 0.000000");
	}

	@Test
	void u1_onlyMaxDatagramBytesAreReadAndTheRestIsCut() throws IOException {
		UdpTestClient bob = udpLogin(uniqueName("bob"));
		byte[] fits = new byte[2048];
		Arrays.fill(fits, (byte) ' ');
		System.arraycopy(bytes("LIST"), 0, fits, 0, 4);
		fits[2047] = '\n';
		// read whole: "LIST" and spaces is Q2's bad body
		bob.sendRaw(fits).expect("BAD-RQST-BODY");
		byte[] cut = Arrays.copyOf(fits, 2049);
		cut[2047] = ' ';
		cut[2048] = '\n';
		// its LF was cut off, so it is ignored
		bob.sendRaw(cut).send(MARKER).expect("VALUE DROP 0.000000");
	}

	@Test
	void u1_everyRequestIsParsedAsOnTcpAndEveryReplyIsOneDatagram() throws IOException {
		String name = uniqueName("bob");
		UdpTestClient bob = udpLogin(name);
		bob.send("send " + name + " hi").expect("BAD-RQST-HDR");
		bob.send(" LIST").expect("BAD-RQST-HDR");
		bob.send("").expect("BAD-RQST-HDR");
		bob.send("SEND " + name).expect("BAD-RQST-BODY");
		bob.send("SEND " + name + " ").expect("BAD-RQST-BODY");
		// U9: between UDP users only an empty message is refused; blanks are bytes too
		bob.send("SEND " + name + "   ").expect("DELIVERY " + name + "   ").expect("SEND-OK");
		bob.sendRaw(new byte[] { 'S', 'E', 'N', 'D', ' ', 'x', ' ', (byte) 0xFF, '\n' }).expect("BAD-RQST-BODY");
		bob.sendRaw(new byte[] { (byte) 0xC3, '\n' }).expect("BAD-RQST-HDR");
		bob.send("SEND " + name + " two  spaces\tand a tab ")
			.expect("DELIVERY " + name + " two  spaces\tand a tab ")
			.expect("SEND-OK");
	}

	@Test
	void u2_loginAnswersAsL3AndARefusedAddressMayTryAgain() throws IOException {
		String name = uniqueName("bob");
		UdpTestClient bob = udp();
		bob.send("HELLO-FROM").expect("BAD-RQST-BODY");
		bob.send("HELLO-FROM a,b").expect("BAD-RQST-BODY");
		bob.send("HELLO-FROM echobot").expect("IN-USE");
		bob.send("HELLO-FROM " + name).expect("HELLO " + name);
		bob.send("HELLO-FROM " + name).expect("BAD-RQST-HDR");
		bob.send("HELLO-FROM someone-else").expect("BAD-RQST-HDR");
		bob.send("LIST").expect("LIST-OK echobot,delaybot," + name);
	}

	@Test
	void u2_tcpAndUdpUsersShareOneNameSpace() throws IOException {
		String alice = uniqueName("alice");
		String bob = uniqueName("bob");
		tcpLogin(alice);
		udp().send("HELLO-FROM " + alice).expect("IN-USE");
		udpLogin(bob);
		TestClient impostor = tcp();
		impostor.send("HELLO-FROM " + bob).expectLine("IN-USE");
		impostor.expectClosed();
	}

	@Test
	void u3_anAddressNotLoggedInGetsNoReplyButToHelloFrom() throws IOException {
		double ignoredBefore = ignored("not-logged-in");
		String name = uniqueName("quiet");
		UdpTestClient quiet = udp();
		for (String request : new String[] { "LIST", "SEND echobot hi", "SET DROP 1", "GET DROP", "RESET", "SET",
				"nonsense", "LIST x" }) {
			quiet.send(request);
		}
		// its first reply
		quiet.send("HELLO-FROM " + name).expect("HELLO " + name);
		assertThat(ignored("not-logged-in") - ignoredBefore).isEqualTo(8);
	}

	@Test
	void u4_listHasTheUsersOfBothTransportsInLoginOrder() throws IOException {
		String alice = uniqueName("alice");
		String bob = uniqueName("bob");
		String carol = uniqueName("carol");
		tcpLogin(alice);
		UdpTestClient b = udpLogin(bob);
		tcpLogin(carol).send("LIST").expectLine("LIST-OK echobot,delaybot," + alice + "," + bob + "," + carol);
		b.send("LIST").expect("LIST-OK echobot,delaybot," + alice + "," + bob + "," + carol);
	}

	@Test
	void u4_sendWorksFromTcpToUdpAndBack() throws IOException {
		String alice = uniqueName("alice");
		String bob = uniqueName("bob");
		TestClient a = tcpLogin(alice);
		UdpTestClient b = udpLogin(bob);
		a.send("SEND " + bob + " over UDP").expectLine("SEND-OK");
		b.expect("DELIVERY " + alice + " over UDP");
		b.send("SEND " + alice + " over TCP").expect("SEND-OK");
		a.expectLine("DELIVERY " + bob + " over TCP");
		b.send("SEND nobody hi").expect("BAD-DEST-USER");
	}

	@Test
	void u4_sendWorksBetweenUdpUsersAndToAUdpRecipientHandedOverIsWrittenEvenIfLost() throws IOException {
		String alice = uniqueName("alice");
		String bob = uniqueName("bob");
		UdpTestClient a = udpLogin(alice);
		UdpTestClient b = udpLogin(bob);
		a.send("SEND " + bob + " hi").expect("SEND-OK");
		b.expect("DELIVERY " + alice + " hi");
		b.send("SET DROP 1").expect("SET-OK");
		a.send("SEND " + bob + " lost on purpose").expect("SEND-OK");
		// no DELIVERY
		b.send(MARKER).expect("VALUE DROP 1.000000");
	}

	@Test
	void u4_aDeliveryLongerThanADatagramIsNotSentAndItsSenderIsToldBadDestUser() throws IOException {
		String alice = uniqueName("alice");
		String bob = uniqueName("bob");
		TestClient a = tcpLogin(alice);
		UdpTestClient b = udpLogin(bob);
		a.send("SEND " + bob + " " + "x".repeat(3000)).expectLine("BAD-DEST-USER");
		a.send("SEND " + bob + " short").expectLine("SEND-OK");
		b.expect("DELIVERY " + alice + " short");
	}

	@Test
	void s7_aUdpSenderWaitingOnAStalledTcpRecipientHoldsUpNoOtherClient() throws IOException {
		String stuck = uniqueName("stuck");
		track(TestClient.connectWithTinyReceiveBuffer(this.connectionFactory.getPort())).send("HELLO-FROM " + stuck)
			.expectLine("HELLO " + stuck);
		UdpTestClient sender = udpLogin(uniqueName("sender"));
		UdpTestClient other = udpLogin(uniqueName("other"));
		String message = "SEND " + stuck + " " + "s".repeat(1900);
		for (int i = 0; i < 60; i++) {
			// far more than the 4 KB send buffer and the tiny receive buffer take
			sender.send(message);
		}
		other.send("LIST");
		assertThat(new String(other.receive(), StandardCharsets.UTF_8))
			.as("answered while the sender still waits for the stalled recipient")
			.contains(stuck);
		String reply;
		do {
			reply = new String(sender.receive(), StandardCharsets.UTF_8);
		}
		while (reply.equals("SEND-OK\n"));
		// S5: the recipient is disconnected after the write time-out
		assertThat(reply).isEqualTo("BAD-DEST-USER\n");
		await().until(() -> this.registry.user(stuck) == null);
	}

	@Test
	void u5_faultSettingsArePerClientAndStartFromTheDefaults() throws IOException {
		String alice = uniqueName("alice");
		String bob = uniqueName("bob");
		UdpTestClient a = udpLogin(alice);
		UdpTestClient b = udpLogin(bob);
		a.send("SET DROP 1").expect("SET-OK");
		a.send("SET BURST-LEN 1 16").expect("SET-OK");
		a.send("SET DELAY-LEN 0 3").expect("SET-OK");
		a.send("GET DELAY-LEN").expect("VALUE DELAY-LEN 0 3");
		b.send("GET DROP").expect("VALUE DROP 0.000000");
		b.send("GET BURST-LEN").expect("VALUE BURST-LEN 0 0");
		b.send("LIST").expect("LIST-OK echobot,delaybot," + alice + "," + bob);
		// no LIST-OK
		a.send("LIST").send("GET DROP").expect("VALUE DROP 1.000000");
		a.send("RESET").expect("SET-OK");
		a.send("GET DELAY-LEN").expect("VALUE DELAY-LEN 0 0");
		a.send("LIST").expect("LIST-OK echobot,delaybot," + alice + "," + bob);
	}

	@Test
	void u5_anythingElseAfterSetOrGetIsABadBody() throws IOException {
		UdpTestClient bob = udpLogin(uniqueName("bob"));
		for (String request : new String[] { "SET", "SET DROP", "SET DROP 1.5", "SET drop 0.5", "SET JITTER 0.1",
				"SET BURST-LEN 16 1", "SET DELAY-LEN 0 31", "SET BURST-LEN 1", "GET", "GET drop", "RESET now" }) {
			bob.send(request).expect("BAD-RQST-BODY");
		}
		bob.send("GET DROP").expect("VALUE DROP 0.000000");
	}

	@Test
	void u6_flipInvertsBitsButNotSetOkOrValue() throws IOException {
		UdpTestClient bob = udpLogin(uniqueName("bob"));
		bob.send("SET FLIP 1").expect("SET-OK");
		bob.send("GET FLIP").expect("VALUE FLIP 1.000000");
		byte[] inverted = bob.send("nonsense").receive();
		byte[] expected = bytes("BAD-RQST-HDR\n");
		for (int i = 0; i < expected.length; i++) {
			expected[i] = (byte) ~expected[i];
		}
		assertThat(inverted).isEqualTo(expected);
	}

	@Test
	void u6_aSeededClientGetsTheSameFlippedBitsOnEveryRun() throws IOException {
		UdpTestClient flipper = udpLogin("flipper");
		flipper.send("SET FLIP 0.02").expect("SET-OK");
		// "BAD-RQST-HDR\n" with two bits inverted each time, as the seed 2024 gives
		// "flipper": R becomes 0x12 and S becomes s, S becomes R and - a CR, - becomes /
		// and T a backslash
		assertThat(hex(flipper.send("nonsense").receive())).isEqualTo("4241442d125173542d4844520a");
		assertThat(hex(flipper.send("nonsense").receive())).isEqualTo("4241442d525152540d4844520a");
		assertThat(hex(flipper.send("nonsense").receive())).isEqualTo("4241442f5251535c2d4844520a");
	}

	@Test
	void u6_aBurstOverwritesARunOfBitsWithOneValue() throws IOException {
		UdpTestClient burster = udpLogin("burster");
		burster.send("SET BURST 1").expect("SET-OK");
		burster.send("SET BURST-LEN 8 8").expect("SET-OK");
		// 8 bits at a seeded offset set to one seeded value: "-H" becomes ",\0", "ST"
		// becomes "P\0", and the last byte, the LF, is hit too
		assertThat(hex(burster.send("nonsense").receive())).isEqualTo("4241442d525153542c0044520a");
		assertThat(hex(burster.send("nonsense").receive())).isEqualTo("4241442d525150002d4844520a");
		assertThat(hex(burster.send("nonsense").receive())).isEqualTo("4241442d525153542d48447fca");
	}

	@Test
	void u6_dropLosesTheDatagramsTheSeedSays() throws IOException {
		UdpTestClient dropper = udpLogin("dropper");
		dropper.send("SET DROP 0.5").expect("SET-OK");
		for (int i = 1; i <= 10; i++) {
			dropper.send("SEND dropper " + i);
		}
		dropper.send(MARKER);
		List<String> received = new ArrayList<>();
		String datagram;
		while (!(datagram = new String(dropper.receive(), StandardCharsets.UTF_8)).startsWith("VALUE")) {
			received.add(datagram.strip());
		}
		assertThat(received).containsExactly("DELIVERY dropper 2", "SEND-OK", "SEND-OK", "DELIVERY dropper 5",
				"SEND-OK", "DELIVERY dropper 6", "SEND-OK", "SEND-OK", "SEND-OK");
	}

	@Test
	void u6_dropPointThreeAnswersAboutSeventyPercentOfTwoThousandRequests() throws IOException {
		UdpTestClient counter = udpLogin("counter");
		counter.send("SET DROP 0.3").expect("SET-OK");
		int answered = 0;
		for (int batch = 0; batch < 20; batch++) {
			for (int i = 0; i < 100; i++) {
				counter.send("LIST");
			}
			counter.send(MARKER);
			while (UdpTestClient.text(counter.receive()).startsWith("LIST-OK ")) {
				answered++;
			}
		}
		// 1388 with this seed
		assertThat(answered / 2000.0).isBetween(0.66, 0.74);
	}

	@Test
	void u6_aDelayedDatagramComesAfterAtLeastItsDelayAndLaterOnesOvertakeIt() throws IOException {
		String name = uniqueName("slow");
		UdpTestClient slow = udpLogin(name);
		slow.send("SET DELAY 1").expect("SET-OK");
		// always 1 s
		slow.send("SET DELAY-LEN 1 2").expect("SET-OK");
		long sent = System.nanoTime();
		// overtakes
		slow.send("LIST").send("GET DELAY").expect("VALUE DELAY 1.000000");
		slow.expect("LIST-OK echobot,delaybot," + name);
		assertThat(Duration.ofNanos(System.nanoTime() - sent)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
	}

	@Test
	void u6_theDelayedDatagramsOfALoggedOutClientAreDiscarded() throws IOException {
		String name = uniqueName("gone");
		UdpTestClient gone = udpLogin(name);
		gone.send("SET DELAY 1").expect("SET-OK");
		gone.send("SET DELAY-LEN 1 1").expect("SET-OK");
		gone.send("LIST").send("GET DELAY").expect("VALUE DELAY 1.000000");
		this.registry.disconnect(name, CloseReason.OPERATOR);
		// afresh
		gone.send("HELLO-FROM " + name).expect("HELLO " + name);
		gone.expectNothing(Duration.ofMillis(1500));
	}

	@Test
	void u6_echobotAnswersThroughTheSendersOwnFaultyChannel() throws IOException {
		UdpTestClient bob = udpLogin(uniqueName("bob"));
		bob.send("SEND echobot ping").expect("SEND-OK").expect("DELIVERY echobot ping");
		bob.send("SET FLIP 1").expect("SET-OK");
		bob.send("SEND echobot ping");
		assertThat(inverted(bob.receive())).isEqualTo("SEND-OK\n");
		assertThat(inverted(bob.receive())).isEqualTo("DELIVERY echobot ping\n");
	}

	@Test
	void u1_delaybotsPiecesReachAUdpClientAsWholeLines() throws IOException {
		UdpTestClient bob = udpLogin(uniqueName("bob"));
		bob.send("SEND delaybot in pieces").expect("SEND-OK");
		bob.expect("DELIVERY delaybot in pieces").expect("DELIVERY delaybot in pieces");
	}

	@Test
	void u7_thousandsOfMalformedDatagramsStopNothing() throws IOException {
		Random random = new Random(7);
		UdpTestClient stranger = udp();
		UdpTestClient member = udpLogin(uniqueName("fuzzed"));
		byte[][] fixed = { bytes("SET\n"), bytes("SET "), bytes("GET\n"), bytes("RESET\n"), bytes("SET DROP\n"),
				new byte[65507], bytes("HELLO-FROM \u00ff\n"), { (byte) 0xFF, (byte) 0xFE, '\n' }, bytes("\n"),
				bytes("SEND x \u0000\n"), bytes("SET BURST-LEN 99999999999999999999 1\n"), bytes("LIST") };
		for (int i = 0; i < 2000; i++) {
			byte[] datagram;
			if (i % 3 == 0) {
				datagram = fixed[random.nextInt(fixed.length)];
			}
			else {
				datagram = new byte[random.nextInt(3000)];
				random.nextBytes(datagram);
			}
			((i % 2 == 0) ? stranger : member).sendRaw(datagram);
		}
		String after = uniqueName("after");
		// the flood may have filled the server's receive buffer: the kernel drops what
		// does
		// not fit, so the login is sent again as any client on a lossy channel would
		UdpTestClient afterClient = track(UdpTestClient.loginRetrying(this.udpServer.port(), after, 10));
		assertThat(new String(afterClient.send("LIST").receive(), StandardCharsets.UTF_8))
			.startsWith("LIST-OK echobot,delaybot,")
			.endsWith("," + after + "\n");
		String tcp = uniqueName("tcp");
		assertThat(tcpLogin(tcp).send("LIST").readLine()).startsWith("LIST-OK echobot,delaybot,").endsWith("," + tcp);
	}

	@Test
	void u7_datagramsAndFaultsAreCounted() throws IOException {
		double in = count("chat.udp.datagrams", "direction", "in");
		double out = count("chat.udp.datagrams", "direction", "out");
		double drops = count("chat.udp.faults", "kind", "drop");
		UdpTestClient bob = udpLogin(uniqueName("bob"));
		bob.send("SET DROP 1").expect("SET-OK");
		bob.send("LIST").send(MARKER).expect("VALUE DROP 1.000000");
		// a datagram is counted once the send returns, which may be just after the reply
		// arrived
		await().untilAsserted(() -> {
			assertThat(count("chat.udp.datagrams", "direction", "in") - in).isEqualTo(4);
			assertThat(count("chat.udp.datagrams", "direction", "out") - out).isEqualTo(3);
			assertThat(count("chat.udp.faults", "kind", "drop") - drops).isEqualTo(1);
		});
		for (String kind : new String[] { "flip", "burst", "delay" }) {
			assertThat(this.meters.find("chat.udp.faults").tag("kind", kind).counter()).isNotNull();
		}
	}

	@Test
	void u7_theOperatorsViewListsUdpUsersWithTheirTransportAndFaults() throws IOException {
		String alice = uniqueName("alice");
		String bob = uniqueName("bob");
		tcpLogin(alice);
		udpLogin(bob).send("SET DROP 0.25").expect("SET-OK").send("SET DELAY-LEN 1 3").expect("SET-OK");
		List<ChatEndpoint.User> users = this.endpoint.report().users();
		assertThat(users).extracting(ChatEndpoint.User::name, ChatEndpoint.User::transport)
			.containsExactly(tuple(alice, "tcp"), tuple(bob, "udp"));
		assertThat(users.get(0).faults()).isNull();
		assertThat(users.get(1).faults()).isEqualTo(
				new ChatEndpoint.Faults(0.25, 0, 0, 0, new ChatEndpoint.Range(0, 0), new ChatEndpoint.Range(1, 3)));
	}

	@Test
	void u9_everyByteButLfInAMessageBetweenUdpUsersArrivesExactly() throws IOException {
		String alice = uniqueName("alice");
		String bob = uniqueName("bob");
		UdpTestClient a = udpLogin(alice);
		UdpTestClient b = udpLogin(bob);
		a.sendRaw(line("SEND " + bob + " ", EVERY_BYTE_BUT_LF)).expect("SEND-OK");
		b.expectExactly(line("DELIVERY " + alice + " ", EVERY_BYTE_BUT_LF));
		byte[] frame = { 0, 0, 0, 1, (byte) 0xC3, '(', '\r', 0x7F, (byte) 0xED, (byte) 0xA0, (byte) 0x80, ' ', 0 };
		a.sendRaw(line("SEND " + alice + " ", frame)).expectExactly(line("DELIVERY " + alice + " ", frame));
		a.expect("SEND-OK");
	}

	@Test
	void u9_aMessageOfBytesToATcpUserABotOrNobodyIsABadBodyAndTheTextRulesStillHold() throws IOException {
		String alice = uniqueName("alice");
		String carol = uniqueName("carol");
		UdpTestClient a = udpLogin(alice);
		TestClient c = tcpLogin(carol);
		double badBodies = count("chat.sends", "outcome", "bad-body");
		a.sendRaw(line("SEND " + carol + " ", EVERY_BYTE_BUT_LF)).expect("BAD-RQST-BODY");
		a.sendRaw(line("SEND echobot ", EVERY_BYTE_BUT_LF)).expect("BAD-RQST-BODY");
		a.sendRaw(line("SEND nobody ", EVERY_BYTE_BUT_LF)).expect("BAD-RQST-BODY");
		a.sendRaw(line("SEND " + carol + " ", new byte[] { (byte) 0xC3 })).expect("BAD-RQST-BODY");
		a.sendRaw(line("SEND " + carol + " tab\tok ", new byte[] { 0x01 })).expect("BAD-RQST-BODY");
		assertThat(count("chat.sends", "outcome", "bad-body") - badBodies).isEqualTo(5);
		// the header and <to> are text; an empty message is refused whoever gets it
		a.sendRaw(line("SEND ", new byte[] { (byte) 0xFF }, " ", new byte[] { 0 })).expect("BAD-RQST-BODY");
		a.sendRaw(line("SEND", new byte[] { 0 }, " x y")).expect("BAD-RQST-HDR");
		a.send("SEND " + alice + " ").expect("BAD-RQST-BODY");
		// text still reaches everyone
		a.send("SEND " + carol + " caf\u00e9").expect("SEND-OK");
		c.expectLine("DELIVERY " + alice + " caf\u00e9");
		a.send("SEND echobot ping").expect("SEND-OK").expect("DELIVERY echobot ping");
		c.expectSilenceFor(Duration.ofMillis(200));
	}

	@Test
	void u9_faultsApplyToAMessageOfBytesAsToAnyDatagram() throws IOException {
		String alice = "binary";
		UdpTestClient a = udpLogin(alice);
		UdpTestClient flipped = udpLogin("flipped");
		flipped.send("SET FLIP 1").expect("SET-OK");
		a.sendRaw(line("SEND flipped ", EVERY_BYTE_BUT_LF)).expect("SEND-OK");
		assertThat(inverted(flipped.receive()))
			.isEqualTo(UdpTestClient.text(line("DELIVERY " + alice + " ", EVERY_BYTE_BUT_LF)));
		// seeded: each of the 2,176 bits inverted with probability 0.002, the same bits
		// on every run, as the seed 2024 gives "flipped" (byte offset:bit)
		flipped.send("SET FLIP 0.002").expect("SET-OK");
		byte[] sent = line("DELIVERY " + alice + " ", EVERY_BYTE_BUT_LF);
		List<List<String>> flips = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			a.sendRaw(line("SEND flipped ", EVERY_BYTE_BUT_LF)).expect("SEND-OK");
			flips.add(flippedBits(sent, flipped.receive()));
		}
		assertThat(flips).containsExactly(List.of("13:3", "100:2", "141:4"), List.of("155:7"),
				List.of("117:6", "151:1", "173:6", "268:1"));
	}

	/**
	 * The bit positions where {@code received} differs from {@code sent}, each as byte
	 * offset and bit.
	 */
	private static List<String> flippedBits(byte[] sent, byte[] received) {
		assertThat(received).hasSameSizeAs(sent);
		List<String> bits = new ArrayList<>();
		for (int i = 0; i < sent.length; i++) {
			int diff = (sent[i] ^ received[i]) & 0xFF;
			for (int bit = 7; bit >= 0; bit--) {
				if ((diff & (1 << bit)) != 0) {
					bits.add(i + ":" + bit);
				}
			}
		}
		return bits;
	}

	/** Every byte value but LF, 0x00 to 0xFF, in order. */
	private static final byte[] EVERY_BYTE_BUT_LF = everyByteButLf();

	private static byte[] everyByteButLf() {
		byte[] all = new byte[255];
		int i = 0;
		for (int b = 0; b <= 0xFF; b++) {
			if (b != '\n') {
				all[i++] = (byte) b;
			}
		}
		return all;
	}

	/** Strings as UTF-8 and byte arrays as they are, then an LF: one datagram. */
	private static byte[] line(Object... parts) {
		ByteArrayOutputStream all = new ByteArrayOutputStream();
		for (Object part : parts) {
			all.writeBytes((part instanceof byte[] raw) ? raw : bytes((String) part));
		}
		all.write('\n');
		return all.toByteArray();
	}

	private double ignored(String reason) {
		return count("chat.udp.ignored", "reason", reason);
	}

	private double count(String name, String tag, String value) {
		return this.meters.get(name).tag(tag, value).counter().count();
	}

	private static String inverted(byte[] datagram) {
		byte[] bits = datagram.clone();
		for (int i = 0; i < bits.length; i++) {
			bits[i] = (byte) ~bits[i];
		}
		return UdpTestClient.text(bits);
	}

	private static String hex(byte[] datagram) {
		return HexFormat.of().formatHex(datagram);
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
