package io.github.chatlab.server.udp;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import io.github.chatlab.server.settings.SettingChecks;
import io.github.chatlab.server.udp.fault.FaultKey;
import io.github.chatlab.server.udp.fault.FaultRandoms;
import io.github.chatlab.server.udp.fault.FaultSettings;

/**
 * Every setting of the unreliable-network server (PROTOCOL.md U), bound from
 * {@code chat.udp.*}. The defaults are here and only here; invalid values stop start-up
 * with a message naming the key.
 *
 * @param enabled whether the UDP server runs (U1): off by default, on in the
 * {@code lab-host} profile
 * @param address the address to listen on; unset, the TCP listener's {@code chat.address}
 * (U1)
 * @param port the UDP port, 0 for any free port (U1)
 * @param maxClients how many UDP users may be logged in at once, counted apart from the
 * TCP users' {@code chat.max-clients}; the next login gets {@code BUSY}; 0 refuses every
 * login (U2)
 * @param maxDatagramBytes the most read of a datagram, the rest cut, and the largest
 * {@code LIST-OK} or {@code DELIVERY} sent (U1, U4)
 * @param idleTimeout how long a logged-in address may stay silent before it is logged out
 * (U3)
 * @param rate datagrams per second a client may send, with a burst of as many; the excess
 * is ignored (U7)
 * @param faults where every client's fault settings start, and the seed of their random
 * streams (U5, U6)
 */
@ConfigurationProperties("chat.udp")
public record UdpProperties(@DefaultValue("false") boolean enabled, @Nullable String address,
		@DefaultValue("5382") int port, @DefaultValue("300") int maxClients, @DefaultValue("2048") int maxDatagramBytes,
		@DefaultValue("5m") Duration idleTimeout, @DefaultValue("100") int rate,
		@DefaultValue Faults faults) implements SettingChecks.Checked {

	public UdpProperties {
		if (address != null && address.isBlank()) {
			throw new IllegalArgumentException("chat.udp.address must not be blank; leave it unset for chat.address");
		}
	}

	@Override
	public void check(SettingChecks checks) {
		checks.between("port", this.port, 0, 65535)
			.between("maxClients", this.maxClients, 0, 1_000_000)
			.between("maxDatagramBytes", this.maxDatagramBytes, 256, 65507)
			.atLeast("idleTimeout", this.idleTimeout, Duration.ofMillis(1))
			.between("rate", this.rate, 1, 1_000_000);
	}

	/** The address to listen on: {@link #address()}, else the TCP listener's. */
	public String addressOr(String tcpAddress) {
		return (this.address != null) ? this.address : tcpAddress;
	}

	/**
	 * The server's fault defaults, where every client starts (U5), and the seed that
	 * makes them reproducible (U6). The keys are those of {@code SET}: {@code drop},
	 * {@code flip}, {@code burst}, {@code delay}, {@code burst-len.lo}/{@code .hi},
	 * {@code delay-len.lo}/{@code .hi}.
	 *
	 * @param drop probability that a datagram is not sent
	 * @param flip probability that each bit is inverted
	 * @param burst probability of one burst error per datagram
	 * @param delay probability that a datagram is sent late
	 * @param burstLen burst length in bits
	 * @param delayLen delay in whole seconds
	 * @param seed seeds every client's random stream from its user name, for tests;
	 * unset, every stream is unpredictable
	 */
	public record Faults(@DefaultValue("0") double drop, @DefaultValue("0") double flip,
			@DefaultValue("0") double burst, @DefaultValue("0") double delay, @DefaultValue BurstLen burstLen,
			@DefaultValue DelayLen delayLen, @Nullable Long seed) implements SettingChecks.Checked {

		@Override
		public void check(SettingChecks checks) {
			checks.between("drop", this.drop, 0.0, 1.0)
				.between("flip", this.flip, 0.0, 1.0)
				.between("burst", this.burst, 0.0, 1.0)
				.between("delay", this.delay, 0.0, 1.0);
		}

		/** These defaults as the fault layer's settings. */
		public FaultSettings settings() {
			return new FaultSettings(this.drop, this.flip, this.burst, this.delay, this.burstLen.lo(),
					this.burstLen.hi(), this.delayLen.lo(), this.delayLen.hi());
		}

		/** A random stream per client, seeded when {@link #seed()} is set. */
		public FaultRandoms randoms() {
			return (this.seed != null) ? FaultRandoms.seeded(this.seed) : FaultRandoms.unseeded();
		}

	}

	/**
	 * {@code SET BURST-LEN lo hi} as a default.
	 *
	 * @param lo shortest burst, in bits
	 * @param hi upper end, exclusive unless equal to {@code lo}
	 */
	public record BurstLen(@DefaultValue("0") int lo, @DefaultValue("0") int hi) {

		public BurstLen {
			checkRange("chat.udp.faults.burst-len", lo, hi, FaultKey.BURST_LEN.maxLength());
		}

	}

	/**
	 * {@code SET DELAY-LEN lo hi} as a default.
	 *
	 * @param lo shortest delay, in whole seconds
	 * @param hi upper end, exclusive unless equal to {@code lo}
	 */
	public record DelayLen(@DefaultValue("0") int lo, @DefaultValue("0") int hi) {

		public DelayLen {
			checkRange("chat.udp.faults.delay-len", lo, hi, FaultKey.DELAY_LEN.maxLength());
		}

	}

	/**
	 * U5's bounds for a range, checked here rather than by annotations so that the
	 * message names the key as it is written ({@code burst-len}, not {@code burstLen}).
	 */
	private static void checkRange(String key, int lo, int hi, int max) {
		if (lo < 0 || lo > max) {
			throw new IllegalArgumentException(key + ".lo must be between 0 and " + max + ", but was " + lo);
		}
		if (hi < lo || hi > max) {
			throw new IllegalArgumentException(
					key + ".hi must be between " + key + ".lo (" + lo + ") and " + max + ", but was " + hi);
		}
	}

}
