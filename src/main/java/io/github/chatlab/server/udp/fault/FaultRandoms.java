package io.github.chatlab.server.udp.fault;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Gives each client its own random stream for its faults (U6). With
 * {@code chat.udp.faults.seed} set, a client's stream depends only on the seed and its
 * user name, not on other clients or on timing, so a test that logs in as {@code alice}
 * sees the same faults on every run; without one, every stream is seeded afresh.
 */
public final class FaultRandoms {

	private final Long seed;

	private FaultRandoms(Long seed) {
		this.seed = seed;
	}

	/** Reproducible streams derived from {@code seed}. */
	public static FaultRandoms seeded(long seed) {
		return new FaultRandoms(seed);
	}

	/** Unpredictable streams, one per call. */
	public static FaultRandoms unseeded() {
		return new FaultRandoms(null);
	}

	/** A new stream for the client logged in as {@code name}, for its use alone. */
	public RandomGenerator forClient(String name) {
		if (this.seed == null) {
			return new SplittableRandom();
		}
		long h = mix(this.seed);
		for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
			h = mix(h ^ (b & 0xFF));
		}
		return new SplittableRandom(h);
	}

	/**
	 * Stafford's variant 13 of the MurmurHash3 finaliser, the mixer SplittableRandom
	 * itself uses, so that names differing in one byte get unrelated seeds.
	 */
	private static long mix(long z) {
		z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
		z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
		return z ^ (z >>> 31);
	}

}
