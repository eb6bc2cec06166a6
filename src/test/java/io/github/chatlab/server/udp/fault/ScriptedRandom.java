package io.github.chatlab.server.udp.fault;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A random generator that returns scripted values and records each draw, so a test can
 * derive the expected bytes by hand from {@link FaultInjector}'s documented draws and
 * check that no other draw was made.
 */
final class ScriptedRandom implements RandomGenerator {

	private final Deque<Object> script = new ArrayDeque<>();

	private final List<String> draws = new ArrayList<>();

	/**
	 * Doubles for nextDouble(), Integers for nextInt(bound), Longs for nextLong(bound).
	 */
	static ScriptedRandom of(Object... values) {
		ScriptedRandom random = new ScriptedRandom();
		for (Object value : values) {
			random.script.add(value);
		}
		return random;
	}

	/** The draws made, as {@code nextDouble}, {@code nextInt(4)}, … */
	List<String> draws() {
		return this.draws;
	}

	boolean exhausted() {
		return this.script.isEmpty();
	}

	@Override
	public long nextLong() {
		throw new AssertionError("unscripted nextLong()");
	}

	@Override
	public double nextDouble() {
		this.draws.add("nextDouble");
		return next(Double.class);
	}

	@Override
	public int nextInt(int bound) {
		this.draws.add("nextInt(" + bound + ")");
		int value = next(Integer.class);
		if (value < 0 || value >= bound) {
			throw new AssertionError("scripted " + value + " is outside [0, " + bound + ")");
		}
		return value;
	}

	@Override
	public long nextLong(long bound) {
		this.draws.add("nextLong(" + bound + ")");
		long value = next(Long.class);
		if (value < 0 || value >= bound) {
			throw new AssertionError("scripted " + value + " is outside [0, " + bound + ")");
		}
		return value;
	}

	@Override
	public boolean nextBoolean() {
		this.draws.add("nextBoolean");
		return next(Boolean.class);
	}

	private <T> T next(Class<T> type) {
		Object value = this.script.poll();
		if (!type.isInstance(value)) {
			throw new AssertionError(
					"draw " + this.draws + " wanted a " + type.getSimpleName() + ", script has " + value);
		}
		return type.cast(value);
	}

}
