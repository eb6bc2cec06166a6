package io.github.chatlab.server.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The load tool's own checks must themselves be right, or a broken server would pass: the
 * message body round trip, and the integrity verdict on lost, duplicated and reordered
 * messages.
 */
class LoadToolPartsTest {

	@Test
	void bodyCarriesSequenceAndTimesAndIsPaddedToSize() {
		String body = MessageBody.encode(42, 123456789, 7, 100);

		assertThat(body).hasSize(100).startsWith("42:123456789:7:").endsWith("x");
		MessageBody.Decoded decoded = MessageBody.decode("DELIVERY bob " + body, 13);
		assertThat(decoded).isEqualTo(new MessageBody.Decoded(42, 123456789, 7, 100));
	}

	@Test
	void damagedBodyIsNotAccepted() {
		String body = MessageBody.encode(1, 2, 0, 40);

		assertThat(MessageBody.decode(body.substring(0, 39) + "y", 0)).isNull();
		assertThat(MessageBody.decode("1:2:", 0)).isNull();
		assertThat(MessageBody.decode("hello", 0)).isNull();
	}

	@Test
	void integrityCountsLostDuplicatedAndReorderedMessages() {
		Inbound received = new Inbound(true);
		Outbound sent = new Outbound("bob", received);
		for (long seq = 0; seq < 5; seq++) {
			sent.pending(seq, 0);
		}
		for (int i = 0; i < 5; i++) {
			sent.replied(true);
		}
		received.accept(0);
		received.accept(2);
		received.accept(1);
		received.accept(2);

		Integrity integrity = Integrity.of(List.of(sent), 0);

		assertThat(integrity.acked()).isEqualTo(5);
		assertThat(integrity.lost()).isEqualTo(2);
		assertThat(integrity.duplicates()).isEqualTo(1);
		assertThat(integrity.reordered()).isEqualTo(1);
		assertThat(integrity.ok()).isFalse();
	}

	@Test
	void repliesMatchSendsFirstInFirstOut() {
		Outbound sent = new Outbound("bob", new Inbound(true));
		for (long seq = 0; seq < 100; seq++) {
			sent.pending(seq, 1000 + seq);
		}

		assertThat(sent.replied(true)).isEqualTo(1000);
		assertThat(sent.replied(false)).isEqualTo(1001);
		assertThat(sent.inFlight()).isEqualTo(98);
		assertThat(sent.acked().get(0)).isTrue();
		assertThat(sent.acked().get(1)).isFalse();
	}

	@Test
	void optionsRejectUnknownKeysAndNonLoopbackTargets() {
		assertThat(LoadOptions.parse("--pairs=3").with("rate", "10").pairs()).isEqualTo(3);
		assertThatIllegalArgumentException().isThrownBy(() -> LoadOptions.parse("--pears=3"));
		assertThatIllegalArgumentException().isThrownBy(() -> LoadTool.parseTarget("10.0.0.1:5378"));
		assertThat(LoadTool.parseTarget("127.0.0.1:5378").getPort()).isEqualTo(5378);
	}

}
