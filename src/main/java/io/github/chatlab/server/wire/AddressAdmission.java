package io.github.chatlab.server.wire;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import org.jspecify.annotations.Nullable;

import io.github.chatlab.server.chat.AddressGroup;
import io.github.chatlab.server.chat.AddressLimits;

/**
 * The per-address part of admitting a connection (L10): at most
 * {@code chat.per-address.max-pending} connections not yet logged in, and new connections
 * at most at {@code connect-rate} per second after a burst, per {@link AddressGroup}.
 * Measured before: one address held all 1,024 connections by reopening them as the 30 s
 * login time-out closed them (about 34 connects/s), and every other address got
 * {@code BUSY}. The connect rate is a Bucket4j token bucket per address; idle buckets are
 * dropped by {@link #sweep()}, so the map holds only recently active addresses.
 */
final class AddressAdmission {

	/** Why a connection was not admitted, as the refusal meter's tag says. */
	enum Verdict {

		ADMITTED, MAX_CONNECTIONS, PER_ADDRESS, CONNECT_RATE

	}

	private final AddressLimits limits;

	private final Map<AddressGroup, AtomicInteger> pending = new ConcurrentHashMap<>();

	private final Map<AddressGroup, Bucket> connects = new ConcurrentHashMap<>();

	AddressAdmission(AddressLimits limits) {
		this.limits = limits;
	}

	/**
	 * Takes one pending place and one connect for {@code address}.
	 * @return the group counted (to {@link #loggedInOrClosed} later) or null when
	 * {@code address} is exempt; the verdict tells whether it was admitted
	 */
	Admission admit(InetAddress address) {
		if (this.limits.isExempt(address)) {
			return Admission.EXEMPT;
		}
		AddressGroup group = AddressGroup.of(address);
		if (this.limits.connectRate() > 0
				&& !this.connects.computeIfAbsent(group, (key) -> newBucket()).tryConsume(1)) {
			return new Admission(Verdict.CONNECT_RATE, null);
		}
		AtomicInteger count = this.pending.computeIfAbsent(group, (key) -> new AtomicInteger());
		if (count.incrementAndGet() > this.limits.maxPending()) {
			count.decrementAndGet();
			return new Admission(Verdict.PER_ADDRESS, null);
		}
		return new Admission(Verdict.ADMITTED, group);
	}

	/** A pending connection of {@code group} logged in or closed. */
	void loggedInOrClosed(AddressGroup group) {
		this.pending.computeIfPresent(group, (key, count) -> (count.decrementAndGet() <= 0) ? null : count);
	}

	/**
	 * Drops the buckets of addresses that have been quiet long enough to be full again.
	 */
	void sweep() {
		this.connects.values().removeIf((bucket) -> bucket.getAvailableTokens() >= this.limits.connectBurst());
	}

	private Bucket newBucket() {
		return Bucket.builder()
			.addLimit(Bandwidth.builder()
				.capacity(this.limits.connectBurst())
				.refillGreedy(this.limits.connectRate(), Duration.ofSeconds(1))
				.build())
			.build();
	}

	/**
	 * @param verdict whether the connection was admitted
	 * @param group the group whose pending count it holds, null if none
	 */
	record Admission(Verdict verdict, @Nullable AddressGroup group) {

		static final Admission EXEMPT = new Admission(Verdict.ADMITTED, null);

	}

}
