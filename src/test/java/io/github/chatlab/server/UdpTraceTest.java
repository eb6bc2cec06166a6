package io.github.chatlab.server;

import java.io.IOException;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import io.github.chatlab.server.support.UdpChatServerTest;
import io.github.chatlab.server.support.UdpTestClient;
import io.github.chatlab.server.trace.ClosedConnection;
import io.github.chatlab.server.trace.Trace;
import io.github.chatlab.server.trace.TraceEntry;
import io.github.chatlab.server.trace.TraceEntry.Direction;
import io.github.chatlab.server.trace.Traces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.awaitility.Awaitility.await;

/**
 * O3 over UDP (U1): a client's datagrams in and out are traced as TCP lines are, its
 * fault commands too (U5), and a refused {@code HELLO-FROM} is kept as a closed
 * connection with its reason (O2).
 */
@SpringBootTest(webEnvironment = WebEnvironment.NONE, properties = { "chat.port=0", "chat.udp.enabled=true",
		"chat.udp.port=0", "chat.udp.faults.seed=2024", "chat.udp.rate=1000000" })
class UdpTraceTest extends UdpChatServerTest {

	@Autowired
	private Traces traces;

	@Test
	void o3_u1_aUdpClientsLinesAreTracedWithTheirReasons() throws IOException {
		String name = uniqueName("dora");
		UdpTestClient dora = udpLogin(name);
		dora.send("SEND nobody MARKER").expect("BAD-DEST-USER");
		dora.send("LIST x").expect("BAD-RQST-BODY");
		dora.send("SET DROP 0").expect("SET-OK");
		Trace trace = this.traces.open()
			.stream()
			.filter((open) -> open.transport().equals("udp") && open.port() == dora.localPort())
			.findFirst()
			.orElseThrow();
		assertThat(trace.name()).isEqualTo(name);
		assertThat(trace.entries()).extracting(TraceEntry::dir, TraceEntry::text, TraceEntry::rule)
			.containsExactly(tuple(Direction.IN, "HELLO-FROM " + name, null),
					tuple(Direction.OUT, "HELLO " + name, null), tuple(Direction.IN, "SEND nobody <6 bytes>", null),
					tuple(Direction.OUT, "BAD-DEST-USER", "S3"), tuple(Direction.IN, "LIST x", "Q2"),
					tuple(Direction.OUT, "BAD-RQST-BODY", "Q2"), tuple(Direction.IN, "SET DROP 0", null),
					tuple(Direction.OUT, "SET-OK", null));
	}

	@Test
	void o2_u2_aRefusedLoginIsKeptWithItsReason() throws IOException {
		UdpTestClient client = track(UdpTestClient.open(this.udpServer.port()));
		client.send("HELLO-FROM a b").expect("BAD-RQST-BODY");
		ClosedConnection closed = await().atMost(Duration.ofSeconds(5))
			.until(() -> this.traces.closed()
				.stream()
				.filter((c) -> c.transport().equals("udp") && c.port() == client.localPort())
				.findFirst()
				.orElse(null), (c) -> c != null);
		assertThat(closed.rule()).isEqualTo("L2");
		assertThat(closed.reason()).isEqualTo("the name \"a b\" has a space at offset 12");
		assertThat(closed.entries()).extracting(TraceEntry::dir, TraceEntry::text)
			.containsExactly(tuple(Direction.IN, "HELLO-FROM a b"), tuple(Direction.OUT, "BAD-RQST-BODY"));
	}

}
