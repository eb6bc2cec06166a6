package io.github.chatlab.server.udp;

/**
 * A client's datagram budget (U7): {@code rate} per second, with a burst of as many. Only
 * the receiving thread uses it, so it needs no lock and no atomics, which is all a
 * library bucket (Bucket4j) would add here, with a dependency.
 */
final class TokenBucket {

	private static final double NANOS_PER_SECOND = 1e9;

	private final double capacity;

	private final double tokensPerNano;

	private double tokens;

	private long refilledAt;

	TokenBucket(int ratePerSecond, long nowNanos) {
		this.capacity = ratePerSecond;
		this.tokensPerNano = ratePerSecond / NANOS_PER_SECOND;
		this.tokens = ratePerSecond;
		this.refilledAt = nowNanos;
	}

	/** Takes one token if there is one. */
	boolean tryTake(long nowNanos) {
		this.tokens = Math.min(this.capacity, this.tokens + (nowNanos - this.refilledAt) * this.tokensPerNano);
		this.refilledAt = nowNanos;
		if (this.tokens < 1) {
			return false;
		}
		this.tokens -= 1;
		return true;
	}

}
