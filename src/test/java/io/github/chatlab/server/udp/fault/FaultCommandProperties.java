package io.github.chatlab.server.udp.fault;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import io.github.chatlab.server.protocol.ProtocolArbitraries;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * U5's fault commands on generated input: every valid setting, formatted as a
 * {@code VALUE} reply formats it, parses back as a {@code SET} to the setting that
 * formats the same; {@code GET} of every key parses; and no bytes make the parser throw.
 */
class FaultCommandProperties {

	@Property(tries = 5_000)
	void u5_formattedSettingsParseBackToTheSameSetting(@ForAll("settings") FaultCommand.Set setting) {
		String reply = new String(FaultReplies.value(setting.key(), setting.value()), StandardCharsets.US_ASCII);
		assertThat(reply).startsWith("VALUE " + setting.key().wireName() + " ").endsWith("\n");
		String request = "SET" + reply.substring("VALUE".length(), reply.length() - 1);
		Optional<FaultCommand> parsed = FaultCommandParser.parse(request.getBytes(StandardCharsets.US_ASCII));
		assertThat(parsed).containsInstanceOf(FaultCommand.Set.class);
		FaultCommand.Set again = (FaultCommand.Set) parsed.get();
		assertThat(again.key()).isEqualTo(setting.key());
		assertThat(FaultReplies.value(again.key(), again.value())).isEqualTo(reply.getBytes(StandardCharsets.US_ASCII));
		if (setting.value() instanceof FaultValue.Range) {
			assertThat(again.value()).isEqualTo(setting.value());
		}
		else {
			double before = ((FaultValue.Probability) setting.value()).value();
			assertThat(((FaultValue.Probability) again.value()).value()).isCloseTo(before,
					org.assertj.core.data.Offset.offset(0.0000005));
		}
		assertThat(FaultCommandParser.parse(("GET " + setting.key().wireName()).getBytes(StandardCharsets.US_ASCII)))
			.contains(new FaultCommand.Get(setting.key()));
	}

	@Property(tries = 5_000)
	void u5_anyBytesParseWithoutThrowing(@ForAll("lines") byte[] line) {
		Optional<FaultCommand> parsed = FaultCommandParser.parse(line);
		String text = new String(line, StandardCharsets.ISO_8859_1);
		boolean faultHeader = Arrays.asList("SET", "GET", "RESET").contains(text.split(" ", 2)[0]);
		assertThat(parsed.isPresent()).isEqualTo(faultHeader);
	}

	@Provide
	Arbitrary<FaultCommand.Set> settings() {
		Arbitrary<FaultCommand.Set> probabilities = Arbitraries
			.of(FaultKey.DROP, FaultKey.FLIP, FaultKey.BURST, FaultKey.DELAY)
			.flatMap((key) -> Arbitraries
				.oneOf(Arbitraries.doubles().between(0, 1),
						Arbitraries.integers().between(0, 1_000_000).map((micro) -> micro / 1_000_000.0),
						Arbitraries.of(0.0, 1.0, 0.0078125, 0.0000005, 0.1234565))
				.map((p) -> new FaultCommand.Set(key, new FaultValue.Probability(p))));
		Arbitrary<FaultCommand.Set> ranges = Arbitraries.of(FaultKey.BURST_LEN, FaultKey.DELAY_LEN)
			.flatMap((key) -> Arbitraries.integers()
				.between(0, key.maxLength())
				.flatMap((lo) -> Arbitraries.integers()
					.between(lo, key.maxLength())
					.map((hi) -> new FaultCommand.Set(key, new FaultValue.Range(lo, hi)))));
		return Arbitraries.oneOf(probabilities, ranges);
	}

	@Provide
	Arbitrary<byte[]> lines() {
		return ProtocolArbitraries.lineContent(40);
	}

}
