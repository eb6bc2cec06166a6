package io.github.chatlab.server.udp.fault;

import java.util.random.RandomGenerator;

import io.github.chatlab.server.udp.fault.Fate.Dropped;
import io.github.chatlab.server.udp.fault.Fate.Sent;

/**
 * Decides, by one client's settings and random stream, what happens to one datagram sent
 * to it (U6), in U6's order: drop, bit flips, burst, delay. Bits are numbered from the
 * most significant bit of the first byte, the order in which the lab's server writes a
 * datagram out as a bit string, so a burst is one contiguous run in that order. The LF is
 * a bit string like any other: it may be flipped or overwritten, as on the lab's server.
 * <p>
 * The draws, so that a seeded stream gives the same faults on every run: a probability of
 * 0 draws nothing; otherwise DROP draws {@code nextDouble() < drop}, and a dropped
 * datagram draws nothing more; FLIP draws one {@code nextDouble()} per flipped bit plus
 * one for the gap that runs past the end; BURST draws {@code nextDouble() < burst}, then
 * the length {@code lo + nextInt(hi - lo)} when {@code hi > lo}, then, for a length above
 * 0, the offset {@code nextLong(bits - length + 1)} and the value {@code nextBoolean()};
 * DELAY draws {@code nextDouble() < delay}, then {@code lo + nextInt(hi - lo)} when
 * {@code hi > lo}.
 */
final class FaultInjector {

	private static final Dropped DROPPED = new Dropped();

	private FaultInjector() {
	}

	/**
	 * The fate of {@code datagram}, which is never modified; {@code random} is the
	 * client's own stream and must not be used by another thread meanwhile.
	 */
	static Fate apply(FaultSettings settings, byte[] datagram, RandomGenerator random) {
		if (happens(settings.drop(), random)) {
			return DROPPED;
		}
		byte[] sent = datagram;
		int flipped = 0;
		if (settings.flip() > 0) {
			sent = datagram.clone();
			flipped = flipBits(sent, settings.flip(), random);
		}
		int burstBits = 0;
		if (happens(settings.burst(), random)) {
			int length = uniform(settings.burstLenLo(), settings.burstLenHi(), random);
			if (length > 0 && datagram.length > 0) {
				if (sent == datagram) {
					sent = datagram.clone();
				}
				burstBits = overwriteRun(sent, length, random);
			}
		}
		int delay = happens(settings.delay(), random) ? uniform(settings.delayLenLo(), settings.delayLenHi(), random)
				: 0;
		return new Sent((flipped == 0 && burstBits == 0) ? datagram : sent, flipped, burstBits, delay);
	}

	/**
	 * Inverts each bit independently with probability {@code p}, drawing once per
	 * inverted bit rather than once per bit (a 2048-byte datagram has 16,384 bits; at the
	 * lab's FLIP 0.0005 that is about 9 draws instead of 16,384). The gap before the next
	 * inverted bit is {@code G = floor(ln U / ln(1 - p))} for U uniform in (0, 1], so
	 * {@code P(G ≥ k) = P(U ≤ (1 - p)^k) = (1 - p)^k}: G is geometric, the count of
	 * failures before the first success of independent Bernoulli(p) trials, and since
	 * that distribution is memoryless, the gaps that follow are independent copies. The
	 * inverted positions are therefore distributed exactly as with one Bernoulli(p) trial
	 * per bit, up to U's granularity of 2^-53.
	 * @return how many bits were inverted
	 */
	static int flipBits(byte[] bytes, double p, RandomGenerator random) {
		long bits = 8L * bytes.length;
		// -Infinity for p = 1: every gap is 0
		double logKeep = Math.log1p(-p);
		int flipped = 0;
		long next = 0;
		while (next < bits) {
			double gap = Math.floor(Math.log(1.0 - random.nextDouble()) / logKeep);
			if (!(gap < bits - next)) {
				break;
			}
			long position = next + (long) gap;
			bytes[(int) (position >>> 3)] ^= (byte) (0x80 >>> (position & 7));
			flipped++;
			next = position + 1;
		}
		return flipped;
	}

	/**
	 * Overwrites a run of {@code length} bits at a uniform offset with one random bit
	 * value. Every run that fits is equally likely, the one ending at the last bit
	 * included (the lab's server never picks that one); a run longer than the datagram
	 * covers all of it.
	 * @return how many bits were overwritten
	 */
	static int overwriteRun(byte[] bytes, int length, RandomGenerator random) {
		long bits = 8L * bytes.length;
		int span = (int) Math.min(length, bits);
		long offset = random.nextLong(bits - span + 1);
		boolean one = random.nextBoolean();
		for (long position = offset; position < offset + span; position++) {
			int mask = 0x80 >>> (position & 7);
			int index = (int) (position >>> 3);
			bytes[index] = (byte) (one ? (bytes[index] | mask) : (bytes[index] & ~mask));
		}
		return span;
	}

	private static boolean happens(double probability, RandomGenerator random) {
		return probability > 0 && random.nextDouble() < probability;
	}

	/** Uniform in [lo, hi), or lo when hi ≤ lo (U6). */
	private static int uniform(int lo, int hi, RandomGenerator random) {
		return (hi > lo) ? lo + random.nextInt(hi - lo) : lo;
	}

}
