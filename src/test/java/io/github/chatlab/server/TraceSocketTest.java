package io.github.chatlab.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.github.chatlab.server.support.Bytes;
import io.github.chatlab.server.support.ChatServerTest;
import io.github.chatlab.server.support.TestClient;
import io.github.chatlab.server.trace.ClosedConnection;
import io.github.chatlab.server.trace.Trace;
import io.github.chatlab.server.trace.TraceEntry;
import io.github.chatlab.server.trace.TraceEntry.Direction;
import io.github.chatlab.server.trace.Traces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.awaitility.Awaitility.await;

/**
 * O2 and O3 end to end: clients on other hosts (127.0.0.2…) send malformed lines, time
 * out or stop reading, and each connection's trace, read through the {@link Traces} bean,
 * shows the lines with their rule and reason, open or closed; with the default settings
 * no trace and no log line holds a message's text (R4).
 */
@ExtendWith(OutputCaptureExtension.class)
class TraceSocketTest extends ChatServerTest {

	private static final String MARKER = "PRIVATE-MARKER-7f3a";

	@Autowired
	private Traces traces;

	@Test
	void o2_o3_malformedLinesShowInTheirConnectionsTraceWithRuleAndReason() throws IOException {
		String alice = uniqueName("alice");
		TestClient a = track(TestClient.connectFrom("127.0.0.2", port()));
		a.send("HELLO-FROM " + alice).expectLine("HELLO " + alice);
		a.send("SEND bob").expectLine("BAD-RQST-BODY");
		a.send("send bob hi").expectLine("BAD-RQST-HDR");
		a.sendRaw(Bytes.of("SEND bob hi\rthere\n")).expectLine("BAD-RQST-BODY");
		a.sendRaw(new byte[] { 'S', 'E', 'N', 'D', ' ', 'b', 'o', 'b', ' ', 'c', 'a', 'f', (byte) 0xE9, '\n' })
			.expectLine("BAD-RQST-BODY");
		a.send("SEND nobody hi").expectLine("BAD-DEST-USER");
		Trace trace = traceOf(a);
		assertThat(trace.name()).isEqualTo(alice);
		assertThat(trace.address()).isEqualTo("127.0.0.2");
		assertThat(trace.linesIn()).isEqualTo(6);
		assertThat(trace.linesOut()).isEqualTo(6);
		assertThat(trace.errors()).isEqualTo(5);
		assertThat(trace.entries()).filteredOn((entry) -> entry.dir() == Direction.IN)
			.extracting(TraceEntry::text, TraceEntry::reply, TraceEntry::rule, TraceEntry::reason)
			.containsExactly(tuple("HELLO-FROM " + alice, null, null, null),
					tuple("SEND bob", "BAD-RQST-BODY", "S2", "SEND has a recipient but no message after it"),
					tuple("send bob <2 bytes>", "BAD-RQST-HDR", "H1",
							"the header is \"send\"; headers are upper case (SEND)"),
					tuple("SEND bob <8 bytes>", "BAD-RQST-BODY", "F2",
							"the line has a CR at offset 11 that is not directly before the LF"),
					tuple("SEND bob <4 bytes>", "BAD-RQST-BODY", "F3",
							"byte 0xE9 at offset 12 is not valid UTF-8 (it starts a 3-byte sequence, but the line "
									+ "ends before the sequence does; Latin-1 or Windows-1252 text looks like this)"),
					tuple("SEND nobody <2 bytes>", null, null, null));
		assertThat(trace.entries()).filteredOn((entry) -> entry.dir() == Direction.OUT)
			.extracting(TraceEntry::text, TraceEntry::rule)
			.containsExactly(tuple("HELLO " + alice, null), tuple("BAD-RQST-BODY", "S2"), tuple("BAD-RQST-HDR", "H1"),
					tuple("BAD-RQST-BODY", "F2"), tuple("BAD-RQST-BODY", "F3"), tuple("BAD-DEST-USER", "S3"));
	}

	@Test
	void o2_l4_aLineBeforeLoginClosesAndItsConnectionIsKeptWithItsReason() throws IOException {
		TestClient c = track(TestClient.connectFrom("127.0.0.3", port()));
		int clientPort = c.socket().getLocalPort();
		c.send("hello-from bob").expectLine("BAD-RQST-HDR");
		c.expectClosed();
		ClosedConnection closed = awaitClosed("127.0.0.3", clientPort);
		assertThat(closed.name()).isNull();
		assertThat(closed.closeTag()).isEqualTo("refused");
		assertThat(closed.rule()).isEqualTo("L4");
		assertThat(closed.reason()).isEqualTo("the header is \"hello-from\"; headers are upper case (HELLO-FROM)");
		assertThat(closed.entries()).extracting(TraceEntry::dir, TraceEntry::text, TraceEntry::rule)
			.containsExactly(tuple(Direction.IN, "hello-from bob", "L4"), tuple(Direction.OUT, "BAD-RQST-HDR", "L4"));
	}

	@Test
	void l8_aLoginTimeOutIsKeptWithTheBytesThatWaitedWithoutAnLf(CapturedOutput output) throws IOException {
		TestClient c = track(TestClient.connectFrom("127.0.0.4", port()));
		int clientPort = c.socket().getLocalPort();
		c.sendRaw(Bytes.of("HELLO-FROM bo"));
		c.expectClosed();
		ClosedConnection closed = awaitClosed("127.0.0.4", clientPort);
		assertThat(closed.closeTag()).isEqualTo("login-timeout");
		assertThat(closed.rule()).isEqualTo("L8");
		assertThat(closed.reason())
			.isEqualTo("no HELLO-FROM within 2 s of connecting (13 bytes were waiting without an LF)");
		assertThat(closed.entries()).isEmpty();
		assertThat(output).contains("Closed the connection from 127.0.0.4 without a reply: L8: no HELLO-FROM within "
				+ "2 s of connecting (13 bytes were waiting without an LF)");
	}

	@Test
	void s7_aWriteTimeOutIsKeptWithItsReasonAndTheSenderSeesS5() throws IOException {
		String alice = uniqueName("alice");
		String stuck = uniqueName("stuck");
		TestClient a = login(alice);
		int stuckPort = loginStuck(stuck).socket().getLocalPort();
		sendUntilBadDestUser(a, stuck);
		ClosedConnection closed = awaitClosed("127.0.0.1", stuckPort);
		assertThat(closed.name()).isEqualTo(stuck);
		assertThat(closed.closeTag()).isEqualTo("write-timeout");
		assertThat(closed.rule()).isEqualTo("S7");
		assertThat(closed.reason())
			.startsWith("the client's socket accepted nothing for 1 s (chat.write-timeout) with ")
			.endsWith(" bytes waiting to be written: it stopped reading");
		assertThat(closed.entries()).last()
			.extracting(TraceEntry::dir, TraceEntry::text)
			.containsExactly(Direction.OUT, "DELIVERY " + alice + " <60000 bytes>");
		List<TraceEntry> senderOut = traceOf(a).entries()
			.stream()
			.filter((entry) -> entry.dir() == Direction.OUT)
			.toList();
		assertThat(senderOut).last()
			.extracting(TraceEntry::text, TraceEntry::rule, TraceEntry::reason)
			.containsExactly("BAD-DEST-USER", "S5", "the DELIVERY to \"" + stuck + "\" could not be written (its "
					+ "socket took nothing for chat.write-timeout, or it is gone); it was disconnected");
	}

	@Test
	void l3_refusedLoginsAreLoggedWithTheirRule(CapturedOutput output) throws IOException {
		String bob = uniqueName("bob");
		login(bob);
		track(TestClient.connectFrom("127.0.0.5", port())).send("HELLO-FROM " + bob).expectLine("IN-USE");
		track(TestClient.connectFrom("127.0.0.6", port())).send("HELLO-FROM b b").expectLine("BAD-RQST-BODY");
		await().untilAsserted(() -> assertThat(output)
			.contains("Refused a tcp login from 127.0.0.5 with IN-USE: L3.4: the name \"" + bob
					+ "\" is taken by a user already logged in")
			.contains(
					"Refused a tcp login from 127.0.0.6 with BAD-RQST-BODY: L2: the name \"b b\" has a space at offset 12"));
	}

	@Test
	void r4_withTheDefaultSettingsNoTraceOrLogHoldsAMessage(CapturedOutput output) throws Exception {
		String alice = uniqueName("alice");
		String bob = uniqueName("bob");
		TestClient a = track(TestClient.connectFrom("127.0.0.7", port()));
		a.send("HELLO-FROM " + alice).expectLine("HELLO " + alice);
		TestClient b = login(bob);
		a.send("SEND " + bob + " " + MARKER).expectLine("SEND-OK");
		b.expectLine("DELIVERY " + alice + " " + MARKER);
		b.send("SEND " + alice + " re: " + MARKER + " ok").expectLine("SEND-OK");
		a.expectLine("DELIVERY " + bob + " re: " + MARKER + " ok");
		a.sendRaw(Bytes.of("SEND " + bob + " " + MARKER + "\u0007\n")).expectLine("BAD-RQST-BODY");
		a.sendRaw(Bytes.of("send " + bob + " " + MARKER + "\n")).expectLine("BAD-RQST-HDR");
		a.sendRaw(("SEND " + bob + " " + MARKER + "\u00e9\n").getBytes(StandardCharsets.ISO_8859_1))
			.expectLine("BAD-RQST-BODY");
		a.send("SEND " + bob + " " + MARKER + " " + "x".repeat(70_000)).expectLine("BAD-RQST-BODY");
		a.send("SEND nobody " + MARKER).expectLine("BAD-DEST-USER");
		Trace aliceTrace = traceOf(a);
		Trace bobTrace = traceOf(b);
		assertThat(aliceTrace.linesIn()).isEqualTo(7);
		a.close();
		await().until(() -> this.registry.user(alice) == null);
		Stream<TraceEntry> everything = Stream.concat(bobTrace.entries().stream(),
				this.traces.closed().stream().flatMap((closed) -> closed.entries().stream()));
		assertThat(everything).isNotEmpty().allSatisfy((entry) -> assertThat(entry.toString()).doesNotContain(MARKER));
		assertThat(this.traces.closed()).allSatisfy((closed) -> assertThat(closed.toString()).doesNotContain(MARKER));
		assertThat(output).doesNotContain(MARKER);
	}

	private Trace traceOf(TestClient client) {
		int clientPort = client.socket().getLocalPort();
		String address = client.socket().getLocalAddress().getHostAddress();
		return this.traces.open()
			.stream()
			.filter((trace) -> trace.port() == clientPort && trace.address().equals(address))
			.findFirst()
			.orElseThrow();
	}

	private ClosedConnection awaitClosed(String address, int clientPort) {
		return await().atMost(Duration.ofSeconds(10))
			.until(() -> this.traces.closed()
				.stream()
				.filter((closed) -> closed.port() == clientPort && closed.address().equals(address))
				.findFirst()
				.orElse(null), (closed) -> closed != null);
	}

}
