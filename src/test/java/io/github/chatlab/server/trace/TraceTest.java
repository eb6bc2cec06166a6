package io.github.chatlab.server.trace;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.chatlab.server.protocol.Command;
import io.github.chatlab.server.protocol.Command.ProtocolError;
import io.github.chatlab.server.protocol.Command.Rejected;
import io.github.chatlab.server.protocol.Command.Request;
import io.github.chatlab.server.protocol.Frame;
import io.github.chatlab.server.protocol.Reasons;
import io.github.chatlab.server.trace.TraceEntry.Direction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * O3 without a server: the ring's bounds, cutting and escaping, message text kept as its
 * length unless {@code chat.trace.bodies}, the closed connections' bound, and listeners.
 */
class TraceTest {

	private static final InetSocketAddress CLIENT = new InetSocketAddress("127.0.0.2", 40000);

	private static final Command NONE = new Command.ListUsers();

	@Test
	void o3_theRingKeepsTheLastLinesOldestFirst() {
		Traces traces = new Traces(new TraceProperties(4, 256, 10, false, false));
		Trace trace = traces.open("c1", "tcp", CLIENT);
		assertThat(trace.entries()).isEmpty();
		for (int i = 0; i < 10; i++) {
			trace.in(line("LIST" + i), NONE);
		}
		assertThat(trace.entries()).extracting(TraceEntry::text).containsExactly("LIST6", "LIST7", "LIST8", "LIST9");
		assertThat(trace.linesIn()).isEqualTo(10);
	}

	@Test
	void o3_aTraceOfNoLinesCountsButKeepsNothing() {
		Trace trace = new Traces(new TraceProperties(0, 256, 10, false, false)).open("c1", "tcp", CLIENT);
		trace.in(line("LIST"), NONE);
		trace.out(bytes("LIST-OK bob\n"));
		assertThat(trace.entries()).isEmpty();
		assertThat(trace.linesIn()).isEqualTo(1);
		assertThat(trace.linesOut()).isEqualTo(1);
	}

	@Test
	void o3_s8_aLongLineIsKeptCutAndEscaped() {
		Trace trace = new Traces(new TraceProperties(64, 16, 10, false, false)).open("c1", "tcp", CLIENT);
		byte[] longLine = bytes("LIST-OK " + "a,".repeat(40_000) + "\n");
		trace.out(longLine);
		trace.in(new Frame.Line(new byte[] { 'L', 'I', 0, '\r', (byte) 0xE9, '\\' }), NONE);
		List<TraceEntry> entries = trace.entries();
		assertThat(entries.get(0).text()).isEqualTo("LIST-OK a,a,a,a,…");
		assertThat(entries.get(0).bytes()).isEqualTo(longLine.length - 1);
		assertThat(entries.get(0).dir()).isEqualTo(Direction.OUT);
		assertThat(entries.get(1).text()).isEqualTo("LI\\x00\\r\\xE9\\\\");
		assertThat(entries.get(1).dir()).isEqualTo(Direction.IN);
	}

	@Test
	void o3_r4_messageTextIsKeptOnlyAsItsLength() {
		Traces traces = new Traces(TraceProperties.defaults());
		Trace trace = traces.open("c1", "tcp", CLIENT);
		byte[] send = bytes("SEND bob MARKER hello");
		trace.in(new Frame.Line(send), new Command.Send("bob", send, 9));
		trace.delivery(bytes("DELIVERY alice "), send, 9, send.length - 9);
		trace.in(line("send bob MARKER"), rejected());
		trace.in(new Frame.Overlong(bytes("SEND bob MARKERM"), 70_000), rejected());
		trace.piece(bytes("DELIVERY delaybot MARKER"), 0, 24);
		trace.in(line("HELLO-FROM bob"), NONE);
		assertThat(trace.entries()).extracting(TraceEntry::text)
			.containsExactly("SEND bob <12 bytes>", "DELIVERY alice <12 bytes>", "send bob <6 bytes>",
					"SEND bob <69991 bytes>", "(a piece of a line) <24 bytes>", "HELLO-FROM bob");
		assertThat(trace.entries()).allSatisfy((entry) -> assertThat(entry.toString()).doesNotContain("MARKER"));
	}

	@Test
	void o3_withBodiesTheTextIsShown() {
		Trace trace = new Traces(new TraceProperties(64, 256, 10, true, false)).open("c1", "tcp", CLIENT);
		byte[] send = bytes("SEND bob MARKER\thello");
		trace.in(new Frame.Line(send), new Command.Send("bob", send, 9));
		trace.delivery(bytes("DELIVERY alice "), send, 9, send.length - 9);
		assertThat(trace.entries()).extracting(TraceEntry::text)
			.containsExactly("SEND bob MARKER\\thello", "DELIVERY alice MARKER\\thello");
	}

	@Test
	void o2_anErrorCarriesItsReplyRuleAndReason() {
		Trace trace = new Traces(TraceProperties.defaults()).open("c1", "tcp", CLIENT);
		Rejected noMessage = new Rejected(ProtocolError.BODY, false, Request.SEND,
				Reasons.badSend(bytes("SEND bob"), 4));
		trace.in(line("SEND bob"), noMessage);
		trace.out(bytes("BAD-RQST-BODY\n"), noMessage.reason());
		trace.out(bytes("BAD-DEST-USER\n"), Reasons.noSuchUser("carol"));
		List<TraceEntry> entries = trace.entries();
		assertThat(entries.get(0)).extracting(TraceEntry::reply, TraceEntry::rule, TraceEntry::reason)
			.containsExactly("BAD-RQST-BODY", "S2", "SEND has a recipient but no message after it");
		assertThat(entries.get(1)).extracting(TraceEntry::reply, TraceEntry::rule)
			.containsExactly("BAD-RQST-BODY", "S2");
		assertThat(entries.get(2)).extracting(TraceEntry::reply, TraceEntry::rule, TraceEntry::reason)
			.containsExactly("BAD-DEST-USER", "S3", "no user \"carol\" is logged in");
		assertThat(trace.errors()).isEqualTo(2);
		assertThat(trace.linesOut()).isEqualTo(2);
	}

	@Test
	void o3_notesOfOneRuleAreMadeOnceASecond() {
		Trace trace = new Traces(TraceProperties.defaults()).open("c1", "tcp", CLIENT);
		for (int i = 0; i < 1000; i++) {
			trace.note(Reasons.flowPaused(50, 200));
		}
		trace.note(Reasons.memoryPaused(1024));
		assertThat(trace.entries()).extracting(TraceEntry::dir, TraceEntry::rule)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(Direction.NOTE, "L11"),
					org.assertj.core.groups.Tuple.tuple(Direction.NOTE, "S8"));
	}

	@Test
	void o3_theLastClosedConnectionsKeepTheirTraceAndReason() {
		Traces traces = new Traces(new TraceProperties(64, 256, 3, false, false));
		for (int i = 0; i < 5; i++) {
			Trace trace = traces.open("c" + i, "tcp", CLIENT);
			trace.in(line("LIST" + i), NONE);
			if (i == 4) {
				trace.closing(Reasons.loginTimeout(java.time.Duration.ofSeconds(10), 15));
			}
			traces.closed(trace, "login-timeout", Reasons.clientClosed());
			trace.in(line("too late"), NONE);
		}
		List<ClosedConnection> closed = traces.closed();
		assertThat(closed).extracting(ClosedConnection::id).containsExactly("c4", "c3", "c2");
		assertThat(closed.get(0).rule()).isEqualTo("L8");
		assertThat(closed.get(0).reason())
			.isEqualTo("no HELLO-FROM within 10 s of connecting (15 bytes were waiting " + "without an LF)");
		assertThat(closed.get(0).entries()).extracting(TraceEntry::text).containsExactly("LIST4");
		assertThat(closed.get(1).rule()).isEqualTo("L7");
		assertThat(closed.get(0).address()).isEqualTo("127.0.0.2");
		assertThat(traces.open()).isEmpty();
		assertThat(traces.closed(traces.open("c9", "tcp", CLIENT), "x", Reasons.shutdown())).isNotNull();
	}

	@Test
	void o3_listenersHearEverythingWithBodiesOnlyIfTheyAsk() {
		Traces traces = new Traces(TraceProperties.defaults());
		List<String> heard = new ArrayList<>();
		List<String> printed = new ArrayList<>();
		traces.setListeners(List.of(new TraceListener() {

			@Override
			public void opened(Trace trace) {
				heard.add("opened " + trace.id());
			}

			@Override
			public void entry(Trace trace, TraceEntry entry) {
				heard.add(entry.dir() + " " + entry.text());
			}

			@Override
			public void loggedIn(Trace trace) {
				heard.add("login " + trace.name());
			}

			@Override
			public void closed(ClosedConnection closed) {
				heard.add("closed " + closed.rule());
			}

		}, new TraceListener() {

			@Override
			public void entry(Trace trace, TraceEntry entry) {
				printed.add(entry.text());
			}

			@Override
			public boolean bodies() {
				return true;
			}

		}));
		Trace trace = traces.open("c1", "tcp", CLIENT);
		traces.loggedIn(trace, "alice");
		byte[] send = bytes("SEND bob MARKER");
		trace.in(new Frame.Line(send), new Command.Send("bob", send, 9));
		trace.delivery(bytes("DELIVERY bob "), send, 9, 6);
		traces.closed(trace, "client-closed", Reasons.clientClosed());
		assertThat(heard).containsExactly("opened c1", "login alice", "IN SEND bob <6 bytes>",
				"OUT DELIVERY bob <6 bytes>", "closed L7");
		assertThat(printed).containsExactly("SEND bob MARKER", "DELIVERY bob MARKER");
	}

	private static Rejected rejected() {
		return new Rejected(ProtocolError.HEADER, false, Request.OTHER, Reasons.unknownHeader(bytes("send"), 4));
	}

	private static Frame line(String text) {
		return new Frame.Line(bytes(text));
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
