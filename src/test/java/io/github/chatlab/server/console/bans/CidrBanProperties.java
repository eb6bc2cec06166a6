package io.github.chatlab.server.console.bans;

import java.math.BigInteger;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import io.github.chatlab.server.console.bans.Ban.Kind;
import io.github.chatlab.server.protocol.UserNames;
import io.github.chatlab.server.protocol.UserNames.Uniqueness;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * O4: a CIDR ban matches exactly the addresses it covers, for IPv4 and IPv6, whatever its
 * prefix: an address is refused if and only if its first {@code prefix} bits are the
 * block's.
 */
class CidrBanProperties {

	private static final UserNames names = new UserNames(Pattern.compile("[a-z]+"), Uniqueness.EXACT);

	@Property(tries = 300)
	void o4_anIpv4CidrBanMatchesExactlyItsBlock(@ForAll("ipv4") byte[] network,
			@ForAll @IntRange(min = 0, max = 32) int prefix, @ForAll("ipv4") byte[] probe) throws Exception {
		check(network, prefix, probe);
	}

	@Property(tries = 500)
	void o4_anAddressOneBitAwayIsBannedExactlyWhenTheBitIsOutsideThePrefix(@ForAll("anyAddress") byte[] network,
			@ForAll @IntRange(min = 0, max = 128) int prefix, @ForAll @IntRange(min = 0, max = 127) int bit)
			throws Exception {
		int bits = network.length * 8;
		byte[] probe = network.clone();
		probe[(bit % bits) / 8] ^= (byte) (1 << (7 - (bit % bits) % 8));
		check(network, Math.min(prefix, bits), probe);
		check(network, Math.min(prefix, bits), network);
	}

	private static void check(byte[] network, int prefix, byte[] probe) throws Exception {
		Bans bans = new Bans(names, null, new MutableClock(Instant.EPOCH), Duration.ofHours(1));
		String block = InetAddress.getByAddress(network).getHostAddress() + "/" + prefix;
		bans.add(Kind.ADDRESS, block, null, "permanent", "ta", "x");
		int bits = network.length * 8;
		BigInteger mask = (prefix == 0) ? BigInteger.ZERO
				: BigInteger.ONE.shiftLeft(bits)
					.subtract(BigInteger.ONE)
					.shiftRight(bits - prefix)
					.shiftLeft(bits - prefix);
		boolean covered = new BigInteger(1, network).and(mask).equals(new BigInteger(1, probe).and(mask));
		assertThat(bans.refusesConnect(InetAddress.getByAddress(probe)) != null)
			.as(block + " covers " + InetAddress.getByAddress(probe).getHostAddress())
			.isEqualTo(covered);
	}

	@Provide
	Arbitrary<byte[]> ipv4() {
		// the probes share a first byte often enough that long prefixes get matches too
		return Arbitraries.oneOf(Arbitraries.bytes().array(byte[].class).ofSize(4),
				Arbitraries.bytes()
					.array(byte[].class)
					.ofSize(3)
					.map((rest) -> new byte[] { 10, rest[0], rest[1], rest[2] }),
				Arbitraries.bytes()
					.between((byte) 0, (byte) 3)
					.array(byte[].class)
					.ofSize(1)
					.map((last) -> new byte[] { 10, 1, 2, last[0] }));
	}

	@Provide
	Arbitrary<byte[]> anyAddress() {
		return Arbitraries.oneOf(Arbitraries.bytes().array(byte[].class).ofSize(4),
				Arbitraries.bytes().array(byte[].class).ofSize(16));
	}

}
