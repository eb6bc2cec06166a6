package io.github.chatlab.server.chat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;

/**
 * At most {@code chat.per-address.connect-rate} arrivals per second from one
 * {@link AddressGroup}, after a burst of {@code connect-burst} (L10): new TCP
 * connections, and on UDP, where there is no connection, {@code HELLO-FROM}s from
 * addresses not logged in (U8). Each transport has its own, so that spoofed UDP datagrams
 * cannot use up an address's TCP connects. A Bucket4j token bucket per address; the
 * buckets of addresses quiet long enough to be full again are dropped by
 * {@link #sweep()}, so the map holds only recently active addresses. Exemptions are the
 * caller's ({@link AddressLimits#isExempt}).
 */
public final class ConnectRate {

	private final AddressLimits limits;

	private final Map<AddressGroup, Bucket> buckets = new ConcurrentHashMap<>();

	public ConnectRate(AddressLimits limits) {
		this.limits = limits;
	}

	/** Takes one arrival from {@code group}: false when it is over the rate. */
	public boolean tryTake(AddressGroup group) {
		return this.limits.connectRate() <= 0
				|| this.buckets.computeIfAbsent(group, (key) -> newBucket()).tryConsume(1);
	}

	/**
	 * Drops the buckets of addresses that have been quiet long enough to be full again.
	 */
	public void sweep() {
		this.buckets.values().removeIf((bucket) -> bucket.getAvailableTokens() >= this.limits.connectBurst());
	}

	private Bucket newBucket() {
		return Bucket.builder()
			.addLimit(Bandwidth.builder()
				.capacity(this.limits.connectBurst())
				.refillGreedy(this.limits.connectRate(), Duration.ofSeconds(1))
				.build())
			.build();
	}

}
