package io.github.chatlab.server.udp.fault;

import java.util.Optional;

/**
 * The keys of {@code SET} and {@code GET} (U5), spelt on the wire exactly as the lab's
 * server spells them, case-sensitively. The four probabilities take one decimal, the two
 * lengths a range of whole numbers with the upper limits U5 gives.
 */
public enum FaultKey {

	/** Probability that a datagram is not sent at all. */
	DROP("DROP", -1),

	/** Probability that each bit is inverted. */
	FLIP("FLIP", -1),

	/** Probability of one burst error in a datagram. */
	BURST("BURST", -1),

	/** Probability that a datagram is sent late. */
	DELAY("DELAY", -1),

	/** Burst length in bits, {@code 0 ≤ lo ≤ hi ≤ 1024}. */
	BURST_LEN("BURST-LEN", 1024),

	/** Delay in whole seconds, {@code 0 ≤ lo ≤ hi ≤ 30}. */
	DELAY_LEN("DELAY-LEN", 30);

	private final String wireName;

	private final int maxLength;

	FaultKey(String wireName, int maxLength) {
		this.wireName = wireName;
		this.maxLength = maxLength;
	}

	/** The key as it appears in requests and {@code VALUE} replies. */
	public String wireName() {
		return this.wireName;
	}

	/** Whether the key takes a range ({@code lo hi}) rather than one probability. */
	public boolean isRange() {
		return this.maxLength >= 0;
	}

	/** The largest {@code hi} a range key accepts; -1 for a probability key. */
	public int maxLength() {
		return this.maxLength;
	}

	/**
	 * Whether {@code value} is of this key's kind and, for a range, within its limit: the
	 * one place where U5's bounds are decided.
	 */
	public boolean accepts(FaultValue value) {
		if (value instanceof FaultValue.Range range) {
			return isRange() && range.hi() <= this.maxLength;
		}
		return !isRange();
	}

	/** The key with this exact wire name, if any. */
	public static Optional<FaultKey> fromWireName(String name) {
		for (FaultKey key : values()) {
			if (key.wireName.equals(name)) {
				return Optional.of(key);
			}
		}
		return Optional.empty();
	}

}
