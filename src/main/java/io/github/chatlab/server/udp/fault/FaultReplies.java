package io.github.chatlab.server.udp.fault;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;

import io.github.chatlab.server.udp.fault.FaultValue.Probability;
import io.github.chatlab.server.udp.fault.FaultValue.Range;

/**
 * The replies to fault requests (U5), as the exact bytes the lab's server sends, each
 * ending in LF.
 */
final class FaultReplies {

	/** The answer to a valid {@code SET} and to {@code RESET}. */
	static final byte[] SET_OK = line("SET-OK");

	private FaultReplies() {
	}

	/**
	 * {@code VALUE DROP 0.050000} (exactly six decimals) or {@code VALUE BURST-LEN 1 16}.
	 * The probability is rounded from the double's exact binary value, half to even, as
	 * Go's {@code %f} does: {@code String.format("%.6f")} rounds the shortest decimal
	 * half up instead and differs from the lab's server for 0.0078125 (0.007813 against
	 * 0.007812), 0.0000005 and 0.1234565. BigDecimal's text is the same in every locale.
	 */
	static byte[] value(FaultKey key, FaultValue value) {
		String text;
		if (value instanceof Probability probability) {
			text = new BigDecimal(probability.value()).setScale(6, RoundingMode.HALF_EVEN).toPlainString();
		}
		else {
			Range range = (Range) value;
			text = range.lo() + " " + range.hi();
		}
		return line("VALUE " + key.wireName() + " " + text);
	}

	private static byte[] line(String text) {
		return (text + "\n").getBytes(StandardCharsets.US_ASCII);
	}

}
