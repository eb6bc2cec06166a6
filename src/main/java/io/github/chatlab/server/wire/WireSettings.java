package io.github.chatlab.server.wire;

import java.time.Duration;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import org.jspecify.annotations.Nullable;

/**
 * What every connection needs to know about the wire, taken once from the configuration.
 *
 * @param maxLineBytes the longest line accepted (F5)
 * @param loginTimeout how long a connection may stay without logging in (L8)
 * @param writeTimeout how long a socket may accept nothing (S5, S7)
 * @param closeLinger how long to discard input of a client being closed (L5)
 * @param maxQueuedBytes the most a client's unsent replies may hold (S8)
 * @param keepAlive TCP keepalive, to find peers that vanished (L8)
 * @param sendBufferBytes the socket send buffer; small enough that a slow but steady
 * reader keeps a blocked write making progress (S5)
 * @param flood each client's budget of lines (L11)
 */
public record WireSettings(int maxLineBytes, Duration loginTimeout, Duration writeTimeout, Duration closeLinger,
		int maxQueuedBytes, KeepAlive keepAlive, int sendBufferBytes, FloodLimit flood) {

	/** Bytes read from the socket per system call (F4). */
	static final int READ_BUFFER_BYTES = 8192;

	/**
	 * A client's budget of lines (L11): {@code rate} a second after a {@code burst}; a
	 * rate of 0 turns flow control off.
	 */
	public record FloodLimit(int rate, int burst) {

		/** Flow control off. */
		public static final FloodLimit OFF = new FloodLimit(0, 0);

		/** A fresh budget for one client, null when flow control is off. */
		@Nullable Bucket newBudget() {
			if (this.rate <= 0) {
				return null;
			}
			return Bucket.builder()
				.addLimit(Bandwidth.builder()
					.capacity(Math.max(this.burst, 1))
					.refillGreedy(this.rate, Duration.ofSeconds(1))
					.build())
				.build();
		}

	}

	/**
	 * TCP keepalive per socket (L8): first probe after {@code idle} of silence, then
	 * every {@code interval}, and the peer is gone after {@code count} unanswered probes.
	 */
	public record KeepAlive(Duration idle, Duration interval, int count) {

		/** How long a vanished peer keeps its name at most. */
		public Duration detection() {
			return this.idle.plus(this.interval.multipliedBy(this.count));
		}

	}

}
