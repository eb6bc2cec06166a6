package io.github.chatlab.server.udp.fault;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.chatlab.server.udp.fault.FaultCommand.Get;
import io.github.chatlab.server.udp.fault.FaultCommand.Malformed;
import io.github.chatlab.server.udp.fault.FaultCommand.Reset;
import io.github.chatlab.server.udp.fault.FaultCommand.Set;
import io.github.chatlab.server.udp.fault.FaultValue.Probability;
import io.github.chatlab.server.udp.fault.FaultValue.Range;

import static org.assertj.core.api.Assertions.assertThat;

/** U5: every form of SET, GET and RESET, valid and malformed, and the reply bytes. */
class FaultCommandParserTest {

	static Stream<Arguments> validLines() {
		return Stream.of(Arguments.of("SET DROP 0.05", new Set(FaultKey.DROP, new Probability(0.05))),
				Arguments.of("SET FLIP 0.0005", new Set(FaultKey.FLIP, new Probability(0.0005))),
				Arguments.of("SET BURST 1", new Set(FaultKey.BURST, new Probability(1))),
				Arguments.of("SET DELAY 0", new Set(FaultKey.DELAY, new Probability(0))),
				Arguments.of("SET DROP .5", new Set(FaultKey.DROP, new Probability(0.5))),
				Arguments.of("SET DROP 00.5", new Set(FaultKey.DROP, new Probability(0.5))),
				Arguments.of("SET DROP 1.000", new Set(FaultKey.DROP, new Probability(1))),
				Arguments.of("SET DROP 0.0078125", new Set(FaultKey.DROP, new Probability(0.0078125))),
				Arguments.of("SET BURST-LEN 1 16", new Set(FaultKey.BURST_LEN, new Range(1, 16))),
				Arguments.of("SET BURST-LEN 0 1024", new Set(FaultKey.BURST_LEN, new Range(0, 1024))),
				Arguments.of("SET BURST-LEN 5 5", new Set(FaultKey.BURST_LEN, new Range(5, 5))),
				Arguments.of("SET BURST-LEN 007 0010", new Set(FaultKey.BURST_LEN, new Range(7, 10))),
				Arguments.of("SET DELAY-LEN 0 3", new Set(FaultKey.DELAY_LEN, new Range(0, 3))),
				Arguments.of("SET DELAY-LEN 30 30", new Set(FaultKey.DELAY_LEN, new Range(30, 30))),
				Arguments.of("SET DELAY-LEN 0 00", new Set(FaultKey.DELAY_LEN, new Range(0, 0))),
				Arguments.of("GET DROP", new Get(FaultKey.DROP)), Arguments.of("GET FLIP", new Get(FaultKey.FLIP)),
				Arguments.of("GET BURST", new Get(FaultKey.BURST)), Arguments.of("GET DELAY", new Get(FaultKey.DELAY)),
				Arguments.of("GET BURST-LEN", new Get(FaultKey.BURST_LEN)),
				Arguments.of("GET DELAY-LEN", new Get(FaultKey.DELAY_LEN)), Arguments.of("RESET", new Reset()));
	}

	@ParameterizedTest
	@MethodSource("validLines")
	void u5_validRequests(String line, FaultCommand expected) {
		assertThat(parse(line)).contains(expected);
	}

	@ParameterizedTest
	@ValueSource(strings = { "SET", "SET ", "SET DROP", "SET DROP ", "SET DROP 5", "SET DROP 1.5", "SET DROP 1.0001",
			"SET DROP 1.0000000000000000001", "SET DROP 10", "SET DROP 0.1 0.2", "SET DROP abc", "SET DROP NaN",
			"SET DROP Infinity", "SET DROP -0", "SET DROP -0.1", "SET DROP +0.5", "SET DROP 1e-1", "SET DROP 5.",
			"SET DROP .", "SET DROP 0..5", "SET DROP 0.5.", "SET DROP 0x1", "SET DROP 0,5", "SET DROP 0.1f",
			"SET DROP  0.1", "SET  DROP 0.1", "SET DROP 0.1 ", "SET DROP\t0.1", "SET DROP 0.1\t", "SET DROP \u0665",
			"SET DROP \uFF10.5", "SET drop 0.1", "SET Drop 0.1", "SET FOO 0.1", "SET FOO-BAR 1 2", "SET DROP 1 2",
			"SET BURST-LEN", "SET BURST-LEN 5", "SET BURST-LEN 0 1025", "SET BURST-LEN 5000 6000", "SET BURST-LEN 16 1",
			"SET BURST-LEN 1 2 3", "SET BURST-LEN -1 5", "SET BURST-LEN 1.5 2", "SET BURST-LEN 1 0x10",
			"SET BURST-LEN 99999999999999999999 1", "SET BURST-LEN 1 99999999999999999999", "SET BURST-LEN 1  16",
			"SET BURST-LEN 1 16 ", "SET burst-len 1 16", "SET BURST_LEN 1 16", "SET DELAY-LEN 3 1",
			"SET DELAY-LEN 0 31", "SET DELAY-LEN 100 200", "SET DELAY-LEN 0.5 1", "SET BURST-LEN 1 16 x y z", "GET",
			"GET ", "GET FOO", "GET drop", "GET DROP x", "GET DROP ", "GET  DROP", "GET DROP 0.1", "GET BURST_LEN",
			"RESET x", "RESET " })
	void u5_malformedRequestsAreBadBody(String line) {
		assertThat(parse(line)).containsInstanceOf(Malformed.class);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "LIST", "SEND bob hi", "HELLO-FROM alice", "set DROP 0.1", "Set DROP 0.1",
			"SETDROP 0.1", " SET DROP 0.1", "GETX", "RESETX", "RESET\r", "SET\r", "reset", "VALUE DROP 0.1", "SET-OK" })
	void h1_otherHeadersAreLeftToTheChat(String line) {
		assertThat(parse(line)).isEmpty();
	}

	@Test
	void f3_invalidUtf8InTheBodyIsMalformed() {
		assertThat(FaultCommandParser.parse(bytes("SET DROP ", 0xFF))).containsInstanceOf(Malformed.class);
		assertThat(FaultCommandParser.parse(bytes("SET ", 0xC3, 0x28, ' ', '1'))).containsInstanceOf(Malformed.class);
		assertThat(FaultCommandParser.parse(bytes("GET DROP", 0x80))).containsInstanceOf(Malformed.class);
		assertThat(FaultCommandParser.parse(bytes("SET DROP 0.1", 0))).containsInstanceOf(Malformed.class);
		// its header is not SET (H1)
		assertThat(FaultCommandParser.parse(bytes("SET", 0xFF))).isEmpty();
	}

	@Test
	void u1_aWholeDatagramOfDigitsIsStillParsedExactly() {
		String tiny = "SET DROP 0." + "0".repeat(2000) + "1";
		assertThat(parse(tiny)).contains(new Set(FaultKey.DROP, new Probability(0)));
		String one = "SET DROP 0000000001." + "0".repeat(2000);
		assertThat(parse(one)).contains(new Set(FaultKey.DROP, new Probability(1)));
		assertThat(parse("SET DROP 1." + "0".repeat(2000) + "1")).containsInstanceOf(Malformed.class);
		String zeros = "SET BURST-LEN " + "0".repeat(2000) + "1 2";
		assertThat(parse(zeros)).contains(new Set(FaultKey.BURST_LEN, new Range(1, 2)));
	}

	@Test
	void u5_replyBytes() {
		assertThat(FaultReplies.SET_OK).asString(StandardCharsets.US_ASCII).isEqualTo("SET-OK\n");
		assertThat(value(FaultKey.DROP, new Probability(0.05))).isEqualTo("VALUE DROP 0.050000\n");
		assertThat(value(FaultKey.FLIP, new Probability(0))).isEqualTo("VALUE FLIP 0.000000\n");
		assertThat(value(FaultKey.BURST, new Probability(0.0005))).isEqualTo("VALUE BURST 0.000500\n");
		assertThat(value(FaultKey.DELAY, new Probability(1))).isEqualTo("VALUE DELAY 1.000000\n");
		assertThat(value(FaultKey.BURST_LEN, new Range(1, 16))).isEqualTo("VALUE BURST-LEN 1 16\n");
		assertThat(value(FaultKey.DELAY_LEN, new Range(0, 0))).isEqualTo("VALUE DELAY-LEN 0 0\n");
	}

	/**
	 * Values the lab's server (Go's %f) was asked for; String.format gives other digits.
	 */
	@Test
	void u5_sixDecimalsRoundedAsTheLabServerRoundsThem() {
		assertThat(value(FaultKey.DROP, new Probability(0.0078125))).isEqualTo("VALUE DROP 0.007812\n");
		assertThat(value(FaultKey.DROP, new Probability(0.0000005))).isEqualTo("VALUE DROP 0.000000\n");
		assertThat(value(FaultKey.DROP, new Probability(0.0000015))).isEqualTo("VALUE DROP 0.000002\n");
		assertThat(value(FaultKey.DROP, new Probability(0.1234565))).isEqualTo("VALUE DROP 0.123456\n");
		assertThat(value(FaultKey.DROP, new Probability(-0.0))).isEqualTo("VALUE DROP 0.000000\n");
	}

	private static Optional<FaultCommand> parse(String line) {
		return FaultCommandParser.parse(line.getBytes(StandardCharsets.UTF_8));
	}

	private static String value(FaultKey key, FaultValue value) {
		return new String(FaultReplies.value(key, value), StandardCharsets.US_ASCII);
	}

	private static byte[] bytes(String prefix, int... more) {
		byte[] start = prefix.getBytes(StandardCharsets.US_ASCII);
		byte[] all = new byte[start.length + more.length];
		System.arraycopy(start, 0, all, 0, start.length);
		for (int i = 0; i < more.length; i++) {
			all[start.length + i] = (byte) more[i];
		}
		return all;
	}

}
