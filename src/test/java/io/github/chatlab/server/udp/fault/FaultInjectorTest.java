package io.github.chatlab.server.udp.fault;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.random.RandomGenerator;

import org.junit.jupiter.api.Test;

import io.github.chatlab.server.udp.fault.Fate.Dropped;
import io.github.chatlab.server.udp.fault.Fate.Sent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * U6: each fault, first with scripted draws so the expected bytes follow by hand from
 * {@link FaultInjector}'s documented draws, then seeded as {@code chat.udp.faults.seed}
 * makes them, then as statistics over many datagrams.
 */
class FaultInjectorTest {

	private static final HexFormat HEX = HexFormat.of();

	@Test
	void u6_noFaultsSendsTheSameBytesWithoutDrawing() {
		byte[] datagram = ascii("SEND-OK\n");
		Fate fate = FaultInjector.apply(FaultSettings.NONE, datagram, ScriptedRandom.of());
		assertThat(fate).isEqualTo(new Sent(datagram, 0, 0, 0));
		assertThat(((Sent) fate).datagram()).isSameAs(datagram);
	}

	@Test
	void u6_dropIsDecidedFirstAndDrawsNothingMore() {
		FaultSettings everything = new FaultSettings(0.3, 1, 1, 1, 1, 16, 1, 3);
		ScriptedRandom random = ScriptedRandom.of(0.29);
		assertThat(FaultInjector.apply(everything, ascii("SEND-OK\n"), random)).isInstanceOf(Dropped.class);
		assertThat(random.draws()).containsExactly("nextDouble");
		FaultSettings dropOnly = FaultSettings.NONE.with(FaultKey.DROP, new FaultValue.Probability(0.3));
		assertThat(FaultInjector.apply(dropOnly, ascii("SEND-OK\n"), ScriptedRandom.of(0.3))).isInstanceOf(Sent.class);
	}

	@Test
	void u6_flipInvertsTheBitsAtTheScriptedGaps() {
		FaultSettings flip = FaultSettings.NONE.with(FaultKey.FLIP, new FaultValue.Probability(0.5));
		byte[] datagram = { 0x41, 0x0A };
		// gap = floor(ln(1 - d) / ln 0.5): 0.0 -> 0 (bit 0), 0.8 -> 2 (bit 3), 0.95 -> 4
		// (bit 8, the LF's first bit), 0.999 -> 9, past bit 15: stop
		ScriptedRandom random = ScriptedRandom.of(0.0, 0.8, 0.95, 0.999);
		Sent sent = (Sent) FaultInjector.apply(flip, datagram, random);
		assertThat(HEX.formatHex(sent.datagram())).isEqualTo("d18a");
		assertThat(sent.flippedBits()).isEqualTo(3);
		assertThat(random.exhausted()).isTrue();
		assertThat(datagram).containsExactly(0x41, 0x0A);
	}

	@Test
	void u6_burstOverwritesOneRunWithOneValue() {
		FaultSettings burst = new FaultSettings(0, 0, 1, 0, 4, 8, 0, 0);
		ScriptedRandom random = ScriptedRandom.of(0.5, 2, 5L, true);
		Sent sent = (Sent) FaultInjector.apply(burst, new byte[3], random);
		// L = 4 + 2 = 6 bits from bit 5: 00000111 11100000 00000000
		assertThat(HEX.formatHex(sent.datagram())).isEqualTo("07e000");
		assertThat(sent.burstBits()).isEqualTo(6);
		assertThat(random.draws()).containsExactly("nextDouble", "nextInt(4)", "nextLong(19)", "nextBoolean");
	}

	@Test
	void u6_theRunEndingAtTheLastBitCanBeChosen() {
		FaultSettings burst = new FaultSettings(0, 0, 1, 0, 6, 6, 0, 0);
		ScriptedRandom random = ScriptedRandom.of(0.5, 18L, false);
		Sent sent = (Sent) FaultInjector.apply(burst, HEX.parseHex("ffffff"), random);
		assertThat(HEX.formatHex(sent.datagram())).isEqualTo("ffffc0");
		assertThat(random.draws()).containsExactly("nextDouble", "nextLong(19)", "nextBoolean");
	}

	@Test
	void u6_aRunLongerThanTheDatagramCoversAllOfIt() {
		FaultSettings burst = new FaultSettings(0, 0, 1, 0, 1024, 1024, 0, 0);
		Sent sent = (Sent) FaultInjector.apply(burst, HEX.parseHex("1234"), ScriptedRandom.of(0.5, 0L, true));
		assertThat(HEX.formatHex(sent.datagram())).isEqualTo("ffff");
		assertThat(sent.burstBits()).isEqualTo(16);
	}

	@Test
	void u6_aRunOfNoBitsChangesNothing() {
		FaultSettings burst = new FaultSettings(0, 0, 1, 0, 0, 0, 0, 0);
		byte[] datagram = HEX.parseHex("1234");
		ScriptedRandom random = ScriptedRandom.of(0.5);
		Sent sent = (Sent) FaultInjector.apply(burst, datagram, random);
		assertThat(sent.datagram()).isSameAs(datagram);
		assertThat(sent.burstBits()).isZero();
		assertThat(random.exhausted()).isTrue();
	}

	@Test
	void u6_delayIsLoPlusAUniformWholeNumberBelowHiMinusLo() {
		ScriptedRandom random = ScriptedRandom.of(0.3, 0);
		assertThat(FaultInjector.apply(new FaultSettings(0, 0, 0, 1, 0, 0, 1, 2), ascii("x\n"), random))
			.isEqualTo(sent("x\n", 0, 0, 1));
		assertThat(random.draws()).containsExactly("nextDouble", "nextInt(1)");
		assertThat(FaultInjector.apply(new FaultSettings(0, 0, 0, 1, 0, 0, 2, 2), ascii("x\n"), ScriptedRandom.of(0.3)))
			.isEqualTo(sent("x\n", 0, 0, 2));
		assertThat(FaultInjector.apply(new FaultSettings(0, 0, 0, 1, 0, 0, 0, 30), ascii("x\n"),
				ScriptedRandom.of(0.3, 29)))
			.isEqualTo(sent("x\n", 0, 0, 29));
		assertThat(
				FaultInjector.apply(new FaultSettings(0, 0, 0, 0.5, 0, 0, 2, 2), ascii("x\n"), ScriptedRandom.of(0.5)))
			.isEqualTo(sent("x\n", 0, 0, 0));
	}

	@Test
	void u6_theFaultsComeInOrderDropFlipBurstDelay() {
		FaultSettings all = new FaultSettings(0.5, 0.5, 0.5, 0.5, 4, 8, 1, 3);
		ScriptedRandom random = ScriptedRandom.of(0.9, 0.0, 0.99999, 0.1, 0, 12L, true, 0.2, 1);
		Sent sent = (Sent) FaultInjector.apply(all, new byte[2], random);
		// bit 0 flipped, then bits 12..15 set to 1, then 1 + 1 seconds
		assertThat(HEX.formatHex(sent.datagram())).isEqualTo("800f");
		assertThat(sent).extracting(Sent::flippedBits, Sent::burstBits, Sent::delaySeconds).containsExactly(1, 4, 2);
		assertThat(random.draws()).containsExactly("nextDouble", "nextDouble", "nextDouble", "nextDouble", "nextInt(4)",
				"nextLong(13)", "nextBoolean", "nextDouble", "nextInt(2)");
	}

	@Test
	void u6_aSeedGivesTheSameFaultsOnEveryRun() {
		FaultSettings lab = new FaultSettings(0.2, 0.01, 0.5, 0.5, 1, 16, 0, 3);
		byte[] datagram = ascii("DELIVERY bob hello\n");
		// read: bytes of "DELIVERY bob hello\n" after the faults; e.g. the second has a
		// burst
		// of 10 zero bits over bits 14..23 and one flipped bit in byte 6
		assertThat(fates(lab, datagram, FaultRandoms.seeded(5382).forClient("alice"), 6)).containsExactly("dropped",
				"444400495645725920626f622068656c6c6f0a flips=1 burst=10 delay=0",
				"44454c495645525920626f622068656c6c6f0a flips=0 burst=0 delay=0",
				"44454c495645535800626f622068656c6c6f0a flips=1 burst=11 delay=0",
				"44454c495245525920626f63ff28656c6c6f0a flips=2 burst=9 delay=2",
				"44454c495645525920626f622068656c6c6f0a flips=0 burst=0 delay=0");
		List<String> again = fates(lab, datagram, FaultRandoms.seeded(5382).forClient("alice"), 1000);
		assertThat(fates(lab, datagram, FaultRandoms.seeded(5382).forClient("alice"), 1000)).isEqualTo(again);
		assertThat(fates(lab, datagram, FaultRandoms.seeded(5382).forClient("bob"), 1000)).isNotEqualTo(again);
		assertThat(fates(lab, datagram, FaultRandoms.seeded(5383).forClient("alice"), 1000)).isNotEqualTo(again);
	}

	@Test
	void u6_drop03DeliversSeventyPercent() {
		FaultSettings drop = FaultSettings.NONE.with(FaultKey.DROP, new FaultValue.Probability(0.3));
		RandomGenerator random = new SplittableRandom(1);
		int delivered = 0;
		for (int i = 0; i < 20_000; i++) {
			if (FaultInjector.apply(drop, ascii("SEND-OK\n"), random) instanceof Sent) {
				delivered++;
			}
		}
		// sd 0.003
		assertThat(delivered / 20_000.0).isCloseTo(0.70, within(0.02));
	}

	/**
	 * Geometric skipping behaves as one Bernoulli trial per bit: the rate, the variance
	 * of the count per datagram (binomial: n p (1 - p)) and the spread over positions.
	 */
	@Test
	void u6_flip001FlipsOnePercentOfBitsIndependently() {
		FaultSettings flip = FaultSettings.NONE.with(FaultKey.FLIP, new FaultValue.Probability(0.01));
		RandomGenerator random = new SplittableRandom(2);
		int datagrams = 5_000;
		int bits = 800;
		long[] perPosition = new long[bits];
		double sum = 0;
		double sumOfSquares = 0;
		for (int i = 0; i < datagrams; i++) {
			byte[] datagram = new byte[bits / 8];
			Sent sent = (Sent) FaultInjector.apply(flip, datagram, random);
			int count = 0;
			for (int bit = 0; bit < bits; bit++) {
				if ((sent.datagram()[bit >>> 3] & (0x80 >>> (bit & 7))) != 0) {
					perPosition[bit]++;
					count++;
				}
			}
			assertThat(sent.flippedBits()).isEqualTo(count);
			sum += count;
			sumOfSquares += (double) count * count;
		}
		double mean = sum / datagrams;
		double variance = sumOfSquares / datagrams - mean * mean;
		// sd 0.00005
		assertThat(mean / bits).isCloseTo(0.01, within(0.0005));
		// 7.92, sd about 0.16
		assertThat(variance).isCloseTo(bits * 0.01 * 0.99, within(0.8));
		double expected = datagrams * 0.01;
		double chiSquare = 0;
		for (long observed : perPosition) {
			chiSquare += (observed - expected) * (observed - expected) / expected;
		}
		// 799 degrees of freedom: mean 799, sd 40
		assertThat(chiSquare).isLessThan(1000);
	}

	@Test
	void u6_flip1InvertsEveryBit() {
		FaultSettings flip = FaultSettings.NONE.with(FaultKey.FLIP, new FaultValue.Probability(1));
		Sent sent = (Sent) FaultInjector.apply(flip, HEX.parseHex("00ff0a"), new SplittableRandom(3));
		assertThat(HEX.formatHex(sent.datagram())).isEqualTo("ff00f5");
		assertThat(sent.flippedBits()).isEqualTo(24);
	}

	@Test
	void u6_aBurstOfLBitsChangesBitsOnlyWithinOneLBitWindow() {
		FaultSettings burst = new FaultSettings(0, 0, 1, 0, 8, 8, 0, 0);
		RandomGenerator random = new SplittableRandom(4);
		RandomGenerator payloads = new SplittableRandom(5);
		TreeSet<Integer> starts = new TreeSet<>();
		int changedToOne = 0;
		int runs = 10_000;
		for (int i = 0; i < runs; i++) {
			byte[] datagram = new byte[10];
			payloads.nextBytes(datagram);
			Sent sent = (Sent) FaultInjector.apply(burst, datagram, random);
			List<Integer> changed = changedBits(datagram, sent.datagram());
			if (!changed.isEmpty()) {
				assertThat(changed.get(changed.size() - 1) - changed.get(0)).isLessThan(8);
			}
			byte[] zeros = new byte[10];
			Sent onZeros = (Sent) FaultInjector.apply(burst, zeros, random);
			List<Integer> set = changedBits(zeros, onZeros.datagram());
			if (!set.isEmpty()) {
				assertThat(set).hasSize(8);
				assertThat(set.get(7) - set.get(0)).isEqualTo(7);
				starts.add(set.get(0));
				changedToOne++;
			}
		}
		// every window of 8 in 80 bits
		assertThat(starts).hasSize(73).contains(0, 72);
		assertThat(changedToOne / (double) runs).isCloseTo(0.5, within(0.02));
	}

	@Test
	void u6_burstLengthIsUniformFromLoToBelowHi() {
		FaultSettings burst = new FaultSettings(0, 0, 1, 0, 1, 16, 0, 0);
		RandomGenerator random = new SplittableRandom(6);
		int[] lengths = new int[17];
		for (int i = 0; i < 15_000; i++) {
			lengths[((Sent) FaultInjector.apply(burst, new byte[100], random)).burstBits()]++;
		}
		assertThat(lengths[0]).isZero();
		assertThat(lengths[16]).isZero();
		for (int length = 1; length <= 15; length++) {
			// 1000, sd 31
			assertThat(lengths[length]).as("length %d", length).isBetween(800, 1200);
		}
	}

	@Test
	void u6_delayLen1To2DelaysOneSecondAnd0To3ZeroToTwo() {
		RandomGenerator random = new SplittableRandom(7);
		FaultSettings oneTwo = new FaultSettings(0, 0, 0, 1, 0, 0, 1, 2);
		for (int i = 0; i < 1000; i++) {
			assertThat(((Sent) FaultInjector.apply(oneTwo, ascii("x\n"), random)).delaySeconds()).isEqualTo(1);
		}
		FaultSettings zeroThree = new FaultSettings(0, 0, 0, 1, 0, 0, 0, 3);
		int[] delays = new int[4];
		for (int i = 0; i < 9000; i++) {
			delays[((Sent) FaultInjector.apply(zeroThree, ascii("x\n"), random)).delaySeconds()]++;
		}
		assertThat(delays[3]).isZero();
		assertThat(delays[0]).isBetween(2700, 3300);
		assertThat(delays[1]).isBetween(2700, 3300);
		assertThat(delays[2]).isBetween(2700, 3300);
	}

	private static List<String> fates(FaultSettings settings, byte[] datagram, RandomGenerator random, int count) {
		List<String> fates = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			Fate fate = FaultInjector.apply(settings, datagram, random);
			fates.add((fate instanceof Sent sent) ? HEX.formatHex(sent.datagram()) + " flips=" + sent.flippedBits()
					+ " burst=" + sent.burstBits() + " delay=" + sent.delaySeconds() : "dropped");
		}
		return fates;
	}

	private static List<Integer> changedBits(byte[] before, byte[] after) {
		List<Integer> changed = new ArrayList<>();
		for (int bit = 0; bit < before.length * 8; bit++) {
			int mask = 0x80 >>> (bit & 7);
			if ((before[bit >>> 3] & mask) != (after[bit >>> 3] & mask)) {
				changed.add(bit);
			}
		}
		return changed;
	}

	private static Sent sent(String text, int flips, int burst, int delay) {
		return new Sent(ascii(text), flips, burst, delay);
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

}
