package io.github.chatlab.server.udp.fault;

/**
 * The value of one {@link FaultKey}: a probability or a range. Each kind checks what
 * holds for every key of that kind; the per-key limits are {@link FaultKey#accepts}'s.
 */
public sealed interface FaultValue {

	/** A probability, {@code 0 ≤ value ≤ 1} (U5); NaN is refused. */
	record Probability(double value) implements FaultValue {

		public Probability {
			if (!(value >= 0 && value <= 1)) {
				throw new IllegalArgumentException("A probability must be between 0 and 1, not " + value);
			}
			// -0.0 becomes 0.0, so GET never answers "-0.000000"
			value += 0.0;
		}

	}

	/**
	 * A range of whole numbers, {@code 0 ≤ lo ≤ hi} (U5): bits for BURST-LEN, seconds for
	 * DELAY-LEN.
	 */
	record Range(int lo, int hi) implements FaultValue {

		public Range {
			if (lo < 0 || lo > hi) {
				throw new IllegalArgumentException("A range needs 0 ≤ lo ≤ hi, not " + lo + " " + hi);
			}
		}

	}

}
