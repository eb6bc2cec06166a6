package io.github.chatlab.server.udp.fault;

import io.github.chatlab.server.udp.fault.FaultValue.Probability;
import io.github.chatlab.server.udp.fault.FaultValue.Range;

/**
 * One client's fault settings (U5): the four probabilities and the two ranges of U6.
 * Immutable, so a datagram is faulted by one consistent set of values while a {@code SET}
 * replaces them. Every instance obeys U5's bounds, the server's configured defaults
 * included.
 *
 * @param drop probability that a datagram is not sent
 * @param flip probability that each bit is inverted
 * @param burst probability of one burst error per datagram
 * @param delay probability that a datagram is sent late
 * @param burstLenLo shortest burst, in bits
 * @param burstLenHi upper end of the burst length, in bits (exclusive unless equal to
 * {@code burstLenLo})
 * @param delayLenLo shortest delay, in whole seconds
 * @param delayLenHi upper end of the delay, in whole seconds (exclusive unless equal to
 * {@code delayLenLo})
 */
public record FaultSettings(double drop, double flip, double burst, double delay, int burstLenLo, int burstLenHi,
		int delayLenLo, int delayLenHi) {

	/** No faults at all: what {@code RESET} leaves (U5). */
	public static final FaultSettings NONE = new FaultSettings(0, 0, 0, 0, 0, 0, 0, 0);

	public FaultSettings {
		drop = checked(FaultKey.DROP, new Probability(drop)).value();
		flip = checked(FaultKey.FLIP, new Probability(flip)).value();
		burst = checked(FaultKey.BURST, new Probability(burst)).value();
		delay = checked(FaultKey.DELAY, new Probability(delay)).value();
		checked(FaultKey.BURST_LEN, new Range(burstLenLo, burstLenHi));
		checked(FaultKey.DELAY_LEN, new Range(delayLenLo, delayLenHi));
	}

	/**
	 * These settings with {@code key} set to {@code value}, as {@code SET} does.
	 * @throws IllegalArgumentException if the value is not of the key's kind or is out of
	 * its range
	 */
	public FaultSettings with(FaultKey key, FaultValue value) {
		checked(key, value);
		return switch (key) {
			case DROP -> new FaultSettings(probability(value), this.flip, this.burst, this.delay, this.burstLenLo,
					this.burstLenHi, this.delayLenLo, this.delayLenHi);
			case FLIP -> new FaultSettings(this.drop, probability(value), this.burst, this.delay, this.burstLenLo,
					this.burstLenHi, this.delayLenLo, this.delayLenHi);
			case BURST -> new FaultSettings(this.drop, this.flip, probability(value), this.delay, this.burstLenLo,
					this.burstLenHi, this.delayLenLo, this.delayLenHi);
			case DELAY -> new FaultSettings(this.drop, this.flip, this.burst, probability(value), this.burstLenLo,
					this.burstLenHi, this.delayLenLo, this.delayLenHi);
			case BURST_LEN -> new FaultSettings(this.drop, this.flip, this.burst, this.delay, ((Range) value).lo(),
					((Range) value).hi(), this.delayLenLo, this.delayLenHi);
			case DELAY_LEN -> new FaultSettings(this.drop, this.flip, this.burst, this.delay, this.burstLenLo,
					this.burstLenHi, ((Range) value).lo(), ((Range) value).hi());
		};
	}

	/** The current value of {@code key}, as {@code GET} reports it. */
	public FaultValue get(FaultKey key) {
		return switch (key) {
			case DROP -> new Probability(this.drop);
			case FLIP -> new Probability(this.flip);
			case BURST -> new Probability(this.burst);
			case DELAY -> new Probability(this.delay);
			case BURST_LEN -> new Range(this.burstLenLo, this.burstLenHi);
			case DELAY_LEN -> new Range(this.delayLenLo, this.delayLenHi);
		};
	}

	/** Whether every probability is 0, so datagrams go out untouched and at once. */
	public boolean isNone() {
		return this.drop == 0 && this.flip == 0 && this.burst == 0 && this.delay == 0;
	}

	private static <V extends FaultValue> V checked(FaultKey key, V value) {
		if (!key.accepts(value)) {
			throw new IllegalArgumentException(key.wireName() + " does not accept " + value);
		}
		return value;
	}

	private static double probability(FaultValue value) {
		return ((Probability) value).value();
	}

}
