package io.github.chatlab.server.udp.fault;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import io.github.chatlab.server.udp.fault.Fate.Sent;
import io.github.chatlab.server.udp.fault.UnreliableChannel.Reply;

import static org.assertj.core.api.Assertions.assertThat;

/** U5 as a client sees it: a conversation of requests and replies on its own channel. */
class UnreliableChannelTest {

	private final FaultSettings defaults = new FaultSettings(0, 0, 0, 0, 0, 0, 2, 2);

	private final UnreliableChannel alice = new UnreliableChannel(this.defaults, new SplittableRandom(1));

	private final UnreliableChannel bob = new UnreliableChannel(this.defaults, new SplittableRandom(2));

	@Test
	void u5_setThenGetAnswersAsTheLabServer() {
		assertThat(ask(this.alice, "SET DROP 0.05")).isEqualTo("SET-OK\n");
		assertThat(ask(this.alice, "GET DROP")).isEqualTo("VALUE DROP 0.050000\n");
		assertThat(ask(this.alice, "SET BURST-LEN 1 16")).isEqualTo("SET-OK\n");
		assertThat(ask(this.alice, "GET BURST-LEN")).isEqualTo("VALUE BURST-LEN 1 16\n");
		// the lab's test 016
		assertThat(ask(this.alice, "SET DELAY-LEN 0 3")).isEqualTo("SET-OK\n");
		assertThat(ask(this.alice, "GET DELAY-LEN")).isEqualTo("VALUE DELAY-LEN 0 3\n");
	}

	@Test
	void u5_clientsStartFromTheServerDefaultsAndResetToZero() {
		assertThat(ask(this.alice, "GET DELAY-LEN")).isEqualTo("VALUE DELAY-LEN 2 2\n");
		assertThat(ask(this.alice, "SET FLIP 0.5")).isEqualTo("SET-OK\n");
		assertThat(ask(this.alice, "RESET")).isEqualTo("SET-OK\n");
		// the lab's test 017
		assertThat(ask(this.alice, "GET DELAY-LEN")).isEqualTo("VALUE DELAY-LEN 0 0\n");
		assertThat(this.alice.settings()).isEqualTo(FaultSettings.NONE);
	}

	@Test
	void u5_settingsArePerClient() {
		ask(this.alice, "SET DROP 1");
		ask(this.bob, "RESET");
		assertThat(ask(this.alice, "GET DROP")).isEqualTo("VALUE DROP 1.000000\n");
		assertThat(this.bob.settings()).isEqualTo(FaultSettings.NONE);
		assertThat(this.alice.transmit(line("LIST-OK alice,bob"))).isInstanceOf(Fate.Dropped.class);
		assertThat(this.bob.transmit(line("LIST-OK alice,bob"))).isInstanceOf(Sent.class);
	}

	@Test
	void u5_aMalformedRequestIsBadBodyAndChangesNothing() {
		ask(this.alice, "SET DROP 0.25");
		for (String request : new String[] { "SET DROP 5", "SET BURST-LEN 5", "SET DELAY-LEN 3 1", "SET drop 0.1",
				"GET", "GET FOO", "SET DROP 0.1 0.2", "SET DROP", "SET DROP abc", "SET DROP NaN", "SET DROP -0" }) {
			assertThat(ask(this.alice, request)).as(request).isEqualTo("BAD-RQST-BODY\n");
		}
		assertThat(this.alice.settings())
			.isEqualTo(this.defaults.with(FaultKey.DROP, new FaultValue.Probability(0.25)));
	}

	@Test
	void u6_onlySetOkAndValueRepliesAreExemptFromFaults() {
		assertThat(answer(this.alice, "SET DROP 1").faultFree()).isTrue();
		assertThat(answer(this.alice, "GET DROP").faultFree()).isTrue();
		assertThat(answer(this.alice, "RESET").faultFree()).isTrue();
		assertThat(answer(this.alice, "SET DROP 2").faultFree()).isFalse();
	}

	private static String ask(UnreliableChannel channel, String request) {
		return new String(answer(channel, request).datagram(), StandardCharsets.US_ASCII);
	}

	private static Reply answer(UnreliableChannel channel, String request) {
		return channel.answer(FaultCommandParser.parse(request.getBytes(StandardCharsets.UTF_8)).orElseThrow());
	}

	private static byte[] line(String text) {
		return (text + "\n").getBytes(StandardCharsets.US_ASCII);
	}

}
