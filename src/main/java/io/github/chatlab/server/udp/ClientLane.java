package io.github.chatlab.server.udp;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * One UDP client's requests, handled one at a time in arrival order (S6) on a shared
 * pool, never on the receiving thread: a {@code SEND} to a TCP user waits until its
 * {@code DELIVERY} is written (S4), up to {@code chat.write-timeout}, and that wait must
 * hold up this client alone (S7). What waits is bounded (S8): beyond {@link #MAX_WAITING}
 * requests a datagram is ignored, as if lost on the way.
 */
final class ClientLane {

	/** Far above the lab's bursts of ten messages with their retransmissions. */
	static final int MAX_WAITING = 64;

	private static final Log logger = LogFactory.getLog(ClientLane.class);

	private final Executor pool;

	/** Guarded by this. */
	private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();

	/** Guarded by this: whether a pool thread is draining this lane. */
	private boolean draining;

	/** Guarded by this. */
	private boolean closed;

	ClientLane(Executor pool) {
		this.pool = pool;
	}

	/**
	 * Queues {@code request} behind this client's others.
	 * @return false when it was ignored: too many waiting, or the client is gone
	 */
	boolean submit(Runnable request) {
		synchronized (this) {
			if (this.closed || this.waiting.size() >= MAX_WAITING) {
				return false;
			}
			this.waiting.add(request);
			if (this.draining) {
				return true;
			}
			this.draining = true;
		}
		try {
			this.pool.execute(this::drain);
		}
		catch (RejectedExecutionException ex) {
			close(); // the server is stopping
		}
		return true;
	}

	/** Discards what waits; later requests are ignored. */
	void close() {
		synchronized (this) {
			this.closed = true;
			this.waiting.clear();
		}
	}

	private void drain() {
		while (true) {
			Runnable request;
			synchronized (this) {
				request = this.waiting.poll();
				if (request == null) {
					this.draining = false;
					return;
				}
			}
			try {
				request.run();
			}
			catch (Throwable ex) {
				logger.warn("A UDP request failed: " + ex, (ex instanceof Error) ? null : ex);
			}
		}
	}

}
