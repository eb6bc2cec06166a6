package io.github.chatlab.server.wire;

/**
 * Whether a socket write has stalled for the write time-out {@code T} (S5, S7).
 * <p>
 * A write is stalled when its socket has accepted nothing for {@code T}; one that kept up
 * at least 16 KiB/s over the last {@code 2T} before that gets a second {@code T}. The
 * reason is TCP's retransmission back-off: a client reading a steady 16 KiB/s lets its
 * kernel's receive buffer run full, the kernel drops a segment it advertised room for,
 * and the server's kernel retransmits after 0.2, 0.4, 0.8, 1.6, 3.2 s. Measured over
 * loopback (Linux 6.18, a reader of 16 KiB/s, send buffers from 8 KiB to autotuned, MTU
 * 65,536 and 1,500): the socket accepted nothing for up to 7.9 s at a time, though the
 * client never stopped reading, so a plain 5 s time-out cut it off. A client that stops
 * reading is cut off {@code T} to {@code 2T} after its socket took its last byte.
 * <p>
 * Only the thread holding the outbox's write lock calls {@link #writing} and
 * {@link #accepted}; the watchdog calls {@link #isStalled(long)} from its own.
 */
final class WriteProgress {

	/** The slowest reader the contract promises never to cut off (S5). */
	static final long STEADY_BYTES_PER_SECOND = 16 * 1024;

	private static final long IDLE = Long.MIN_VALUE;

	private final long timeoutNanos;

	private final long steadyBytes;

	/**
	 * When the chunk being written began, or {@link #IDLE} when no write is under way.
	 */
	private volatile long waitingSince = IDLE;

	/**
	 * Whether the socket took at least {@link #steadyBytes} in the last two buckets; see
	 * {@link #accepted}.
	 */
	private boolean keepingUp;

	private long bucketStart;

	private long bucketBytes;

	private long previousBucketBytes;

	WriteProgress(long timeoutNanos, long now) {
		this.timeoutNanos = timeoutNanos;
		this.steadyBytes = STEADY_BYTES_PER_SECOND * timeoutNanos / 1_000_000_000L;
		this.bucketStart = now;
	}

	/** A write is about to hand bytes to the socket. */
	void writing(long now) {
		this.waitingSince = now;
	}

	/**
	 * The socket took the {@code bytes} whose write began at {@code began}. Counted at
	 * that time, so that a write costs one clock read, and published to the watchdog by
	 * the volatile write of the next {@link #writing} or {@link #idle}: this is on every
	 * write's path (S4's deliveries, every reply).
	 */
	void accepted(int bytes, long began) {
		long age = began - this.bucketStart;
		if (age >= this.timeoutNanos) {
			this.previousBucketBytes = (age < 2 * this.timeoutNanos) ? this.bucketBytes : 0;
			this.bucketBytes = 0;
			this.bucketStart = began;
		}
		this.bucketBytes += bytes;
		this.keepingUp = this.previousBucketBytes + this.bucketBytes >= this.steadyBytes;
	}

	/** No write is under way. */
	void idle() {
		this.waitingSince = IDLE;
	}

	/**
	 * Whether the write under way has waited too long for the socket to take anything.
	 */
	boolean isStalled(long now) {
		long since = this.waitingSince;
		if (since == IDLE) {
			return false;
		}
		long waited = now - since;
		return waited > this.timeoutNanos && (!this.keepingUp || waited > 2 * this.timeoutNanos);
	}

}
