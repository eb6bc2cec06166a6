package io.github.chatlab.server.wire;

/**
 * Whether a socket write has stalled for the write time-out {@code T} (S5, S7).
 * <p>
 * A write is stalled when its socket has accepted nothing for {@code T}; one whose client
 * kept reading at least 16 KiB/s over the last {@code 2T} before that gets a second
 * {@code T}. The reason is TCP's retransmission back-off: a client reading a steady 16
 * KiB/s lets its kernel's receive buffer run full, the kernel drops a segment it
 * advertised room for, and the server's kernel retransmits after 0.2, 0.4, 0.8, 1.6, 3.2
 * s. Measured over loopback (Linux 6.18, a reader of 16 KiB/s, send buffers from 8 KiB to
 * autotuned, MTU 65,536 and 1,500): the socket accepted nothing for up to 7.9 s at a
 * time, though the client never stopped reading, so a plain 5 s time-out cut it off.
 * <p>
 * The allowance is earned only by reading (S7): what counts is what left the kernel's
 * buffers, not what entered them. A socket's buffers (our send buffer plus the client's
 * receive window) take bytes whether or not the client reads: a client that logs in and
 * never reads took 280 KiB in its first 0.1 s with its kernel's default receive buffer, 8
 * MiB in 2 s with a 4 MiB one, then nothing; counted as progress, those bytes bought it a
 * second {@code T} (10 s instead of 5 s). So a byte counts only when the write that took
 * it began after a write was seen waiting for {@link #blockedNanos} (the buffers were
 * full then, so every byte they took since is one that left them: one the client read),
 * and within {@code 2T} of that wait. The threshold separates the two kinds of wait
 * measured: while buffers fill, the client's kernel widens its window step by step with
 * delayed acknowledgements, and a write waited 30 to 162 ms between steps (TCP's longest
 * delayed acknowledgement is 200 ms); a 16 KiB/s reader's writes wait seconds (a blocked
 * write wakes only when a third of the send buffer is free). So a client that never reads
 * is cut off {@code T} after its socket took its last byte; one that stops after reading
 * steadily, {@code T} to {@code 2T} after.
 * <p>
 * Only the thread holding the outbox's write lock calls {@link #writing} and
 * {@link #accepted}; the watchdog calls {@link #isStalled(long)} from its own.
 */
final class WriteProgress {

	/** The slowest reader the contract promises never to cut off (S5). */
	static final long STEADY_BYTES_PER_SECOND = 16 * 1024;

	/** A write waiting this long found the buffers full, by default (S7). */
	static final long BLOCKED_NANOS = 1_000_000_000L;

	private static final long IDLE = Long.MIN_VALUE;

	private final long timeoutNanos;

	private final long steadyBytes;

	/**
	 * How long a write must wait to show that the buffers were full: a second, or a fifth
	 * of a shorter {@code T}.
	 */
	private final long blockedNanos;

	/**
	 * When the chunk being written began, or {@link #IDLE} when no write is under way.
	 */
	private volatile long waitingSince = IDLE;

	/**
	 * When the last chunk that was seen waiting {@link #blockedNanos} began, or
	 * {@link #IDLE}: written by the watchdog, read by the writer.
	 */
	private volatile long blockedSince = IDLE;

	/**
	 * When the client had read at least {@link #steadyBytes} over the last two buckets,
	 * at the latest, or {@link #IDLE}; see {@link #accepted}.
	 */
	private long keptUpAt = IDLE;

	private long bucketStart;

	private long bucketBytes;

	private long previousBucketBytes;

	WriteProgress(long timeoutNanos, long now) {
		this.timeoutNanos = timeoutNanos;
		this.steadyBytes = STEADY_BYTES_PER_SECOND * timeoutNanos / 1_000_000_000L;
		this.blockedNanos = Math.min(BLOCKED_NANOS, timeoutNanos / 5);
		this.bucketStart = now;
	}

	/** A write is about to hand bytes to the socket. */
	void writing(long now) {
		this.waitingSince = now;
	}

	/**
	 * The socket took the {@code bytes} whose write began at {@code began}. They count as
	 * read only when that write began after one that was seen blocked, and within
	 * {@code 2T} of it. Counted at that time, so that a write costs one clock read, and
	 * published to the watchdog by the volatile write of the next {@link #writing} or
	 * {@link #idle}: this is on every write's path (S4's deliveries, every reply).
	 */
	void accepted(int bytes, long began) {
		long blocked = this.blockedSince;
		if (blocked == IDLE || began <= blocked || began - blocked > 2 * this.timeoutNanos) {
			return;
		}
		long age = began - this.bucketStart;
		if (age >= this.timeoutNanos) {
			this.previousBucketBytes = (age < 2 * this.timeoutNanos) ? this.bucketBytes : 0;
			this.bucketBytes = 0;
			this.bucketStart = began;
		}
		this.bucketBytes += bytes;
		if (this.previousBucketBytes + this.bucketBytes >= this.steadyBytes) {
			this.keptUpAt = began;
		}
	}

	/** No write is under way. */
	void idle() {
		this.waitingSince = IDLE;
	}

	/**
	 * Whether the write under way has waited too long for the socket to take anything.
	 * Called by the watchdog every scan, which is also how a full socket is noticed.
	 */
	boolean isStalled(long now) {
		long since = this.waitingSince;
		if (since == IDLE) {
			return false;
		}
		long waited = now - since;
		if (waited >= this.blockedNanos && this.blockedSince != since) {
			this.blockedSince = since;
		}
		if (waited <= this.timeoutNanos) {
			return false;
		}
		long keptUp = this.keptUpAt;
		boolean steady = keptUp != IDLE && since - keptUp <= this.timeoutNanos;
		return !steady || waited > 2 * this.timeoutNanos;
	}

}
