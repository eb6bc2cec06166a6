package io.github.chatlab.server.load;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.entry;

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
	void everyOptionHasHelpAndADefaultThatParses() {
		LoadOptions defaults = LoadOptions.parse();

		for (Option<?> option : Option.all()) {
			assertThat(LoadOptions.help()).contains("--" + option.key() + "=" + option.defaultText() + " ");
			assertThat(option.help()).isNotBlank();
		}
		assertThat(defaults.get(Option.PAIRS_LIST)).containsExactly(1, 10, 100);
		assertThat(defaults.get(Option.TARGET)).isNull();
		assertThat(defaults.params("churn", Option.CHURN_CONCURRENCY, Option.SECONDS))
			.containsExactly(entry("mode", "churn"), entry("churn_concurrency", 16), entry("seconds", 10.0));
	}

	@Test
	void optionsRejectBadValuesNamingTheKey() {
		assertThatIllegalArgumentException().isThrownBy(() -> LoadOptions.parse("--pairs=0"))
			.withMessageStartingWith("--pairs: ");
		assertThatIllegalArgumentException().isThrownBy(() -> LoadOptions.parse("--seconds=ten"))
			.withMessageStartingWith("--seconds wants a number");
		assertThatIllegalArgumentException().isThrownBy(() -> LoadOptions.parse("--stop-under-load=yes"))
			.withMessageStartingWith("--stop-under-load: ");
		assertThatIllegalArgumentException().isThrownBy(() -> LoadOptions.parse("--mode=fast"))
			.withMessageStartingWith("--mode: ");
	}

	@Test
	void optionsRejectUnknownKeysAndNonLoopbackTargets() {
		assertThat(LoadOptions.parse("--pairs=3").with("rate", "10").get(Option.PAIRS)).isEqualTo(3);
		assertThatIllegalArgumentException().isThrownBy(() -> LoadOptions.parse("--pears=3"));
		assertThatIllegalArgumentException().isThrownBy(() -> LoadTool.parseTarget("10.0.0.1:5378"));
		assertThatIllegalArgumentException().isThrownBy(() -> LoadOptions.parse("--target=10.0.0.1:5378"));
		assertThat(LoadTool.parseTarget("127.0.0.1:5378").getPort()).isEqualTo(5378);
	}

}
