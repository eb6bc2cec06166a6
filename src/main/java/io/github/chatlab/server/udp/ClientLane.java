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

	/**
	 * 32 requests of the default 2048 bytes, or about 900 {@code LIST}s: far above the
	 * lab's bursts of ten messages with their retransmissions; 300 clients hold at most
	 * 19 MiB. A count of requests alone would not do: a burst of small requests may wait
	 * a moment for a pool thread on a busy machine.
	 */
	static final int MAX_WAITING_BYTES = 64 * 1024;

	/** What a waiting request costs beyond its bytes: its entry, lambda and array. */
	static final int OVERHEAD_BYTES = 64;

	private static final Log logger = LogFactory.getLog(ClientLane.class);

	private final Executor pool;

	/** Guarded by this. */
	private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();

	/** Guarded by this. */
	private int waitingBytes;

	/** Guarded by this: whether a pool thread is draining this lane. */
	private boolean draining;

	/** Guarded by this. */
	private boolean closed;

	ClientLane(Executor pool) {
		this.pool = pool;
	}

	/**
	 * Queues {@code request}, of {@code bytes} bytes, behind this client's others.
	 * @return false when it was ignored: too much waiting, or the client is gone
	 */
	boolean submit(Runnable request, int bytes) {
		int cost = bytes + OVERHEAD_BYTES;
		synchronized (this) {
			if (this.closed || this.waitingBytes + cost > MAX_WAITING_BYTES) {
				return false;
			}
			this.waiting.add(new Waiting(request, cost));
			this.waitingBytes += cost;
			if (this.draining) {
				return true;
			}
			this.draining = true;
		}
		try {
			this.pool.execute(this::drain);
		}
		catch (RejectedExecutionException ex) {
			// the server is stopping
			close();
		}
		return true;
	}

	/** Discards what waits; later requests are ignored. */
	void close() {
		synchronized (this) {
			this.closed = true;
			this.waiting.clear();
			this.waitingBytes = 0;
		}
	}

	private void drain() {
		while (true) {
			Waiting next;
			synchronized (this) {
				next = this.waiting.poll();
				if (next == null) {
					this.draining = false;
					return;
				}
				this.waitingBytes -= next.cost();
			}
			try {
				next.request().run();
			}
			catch (Throwable ex) {
				logger.warn("A UDP request failed: " + ex, (ex instanceof Error) ? null : ex);
			}
		}
	}

	private record Waiting(Runnable request, int cost) {
	}

}
