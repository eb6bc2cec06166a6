package io.github.chatlab.server.wire;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Everything bound for one socket: lines are queued by any thread without waiting on the
 * socket, and written whole, in queue order, by whichever thread flushes (S6). Each
 * queued line gets a sequence number, so that a sender can tell whether its
 * {@code DELIVERY} has been written before it answers {@code SEND-OK} (S4).
 * <p>
 * A write that makes no progress for the write time-out is cut off by the
 * {@link WriteWatchdog}, which closes the socket: a blocking socket write has no time-out
 * of its own (S5, S7).
 */
public final class Outbox {

	private static final int INITIAL_CAPACITY = 256;

	private static final int KEEP_CAPACITY = 64 * 1024;

	/**
	 * Bytes per socket write: a write blocks until all of it fits in the socket buffer,
	 * so smaller chunks let a slow but live reader keep resetting the write time-out;
	 * only a reader that takes nothing is cut off.
	 */
	private static final int WRITE_CHUNK = 8 * 1024;

	private final Object queueLock = new Object();

	private final ReentrantLock writeLock = new ReentrantLock();

	/** Signalled when a fragmented sequence ends. */
	private final Condition released = this.writeLock.newCondition();

	private final OutputStream out;

	private final Runnable onFailure;

	private final long lockTimeoutNanos;

	/** Guarded by queueLock. */
	private byte[] queued = new byte[INITIAL_CAPACITY];

	/** Guarded by queueLock. */
	private int queuedBytes;

	/** Guarded by queueLock. */
	private long queuedLines;

	/** Written under queueLock, so no line is queued after it; read anywhere. */
	private volatile boolean closed;

	/**
	 * Only touched under writeLock: the buffer being written, swapped with
	 * {@link #queued}.
	 */
	private byte[] spare = new byte[INITIAL_CAPACITY];

	/**
	 * Guarded by writeLock: a fragmented sequence is under way and nothing else may be
	 * written.
	 */
	private boolean held;

	private volatile long writtenLines;

	/**
	 * When the write in progress last made progress, or 0 when no write is in progress.
	 */
	private volatile long writeProgressNanos;

	Outbox(OutputStream out, long writeTimeoutNanos, Runnable onFailure) {
		this.out = out;
		this.onFailure = onFailure;
		this.lockTimeoutNanos = 2 * writeTimeoutNanos + TimeUnit.SECONDS.toNanos(1);
	}

	/**
	 * Queues {@code prefix}, {@code body[offset, offset+length)} and an LF as one line.
	 * @return the line's sequence number, or -1 when the connection is closed
	 */
	public long enqueue(byte[] prefix, byte[] body, int offset, int length) {
		synchronized (this.queueLock) {
			if (this.closed) {
				return -1;
			}
			int needed = this.queuedBytes + prefix.length + length + 1;
			if (needed > this.queued.length) {
				this.queued = Arrays.copyOf(this.queued, Math.max(needed, this.queued.length * 2));
			}
			System.arraycopy(prefix, 0, this.queued, this.queuedBytes, prefix.length);
			System.arraycopy(body, offset, this.queued, this.queuedBytes + prefix.length, length);
			this.queued[needed - 1] = '\n';
			this.queuedBytes = needed;
			return ++this.queuedLines;
		}
	}

	/**
	 * Queues a complete line that already ends in LF.
	 * @return the line's sequence number, or -1 when the connection is closed
	 */
	public long enqueue(byte[] line) {
		synchronized (this.queueLock) {
			if (this.closed) {
				return -1;
			}
			int needed = this.queuedBytes + line.length;
			if (needed > this.queued.length) {
				this.queued = Arrays.copyOf(this.queued, Math.max(needed, this.queued.length * 2));
			}
			System.arraycopy(line, 0, this.queued, this.queuedBytes, line.length);
			this.queuedBytes = needed;
			return ++this.queuedLines;
		}
	}

	/** Whether line {@code sequence} has been written to the socket. */
	public boolean isWritten(long sequence) {
		return sequence > 0 && this.writtenLines >= sequence;
	}

	/**
	 * Writes everything queued so far, waiting for a write that another thread has under
	 * way, and for a fragmented sequence to end.
	 * @return false when the connection is closed or the write failed (the connection is
	 * then closed)
	 */
	public boolean flush() {
		return flush(true);
	}

	/**
	 * Like {@link #flush()}, but leaves the lines queued while a fragmented sequence is
	 * under way: its end writes them. For the connection's own replies, so its reading
	 * thread never waits on a bot.
	 */
	public boolean flushUnlessHeld() {
		return flush(false);
	}

	private boolean flush(boolean waitForHold) {
		if (!lock()) {
			return false;
		}
		try {
			if (this.held) {
				if (!waitForHold) {
					return !this.closed;
				}
				if (!awaitRelease()) {
					return false;
				}
			}
			return writeQueued();
		}
		catch (IOException ex) {
			fail();
			return false;
		}
		finally {
			this.writeLock.unlock();
		}
	}

	/**
	 * Writes part of a line that is sent in fragments, so a client can be shown lines
	 * arriving in pieces. The first fragment waits for any earlier sequence and writes
	 * what is queued before it; from then until the last fragment nothing else is written
	 * to this socket, so no other line lands inside (S6).
	 * @return false when the connection is closed or the write failed
	 */
	public boolean writeFragment(byte[] bytes, int offset, int length, boolean first, boolean last) {
		if (!lock()) {
			return false;
		}
		try {
			if (first) {
				if (!awaitRelease() || !writeQueued()) {
					return false;
				}
				this.held = true;
			}
			write(bytes, offset, length);
			if (last) {
				this.held = false;
				this.released.signalAll();
				return writeQueued();
			}
			return !this.closed;
		}
		catch (IOException ex) {
			fail();
			return false;
		}
		finally {
			this.writeLock.unlock();
		}
	}

	private boolean lock() {
		try {
			if (this.writeLock.tryLock(this.lockTimeoutNanos, TimeUnit.NANOSECONDS)) {
				return true;
			}
			fail();
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/** Waits, holding writeLock, until no fragmented sequence is under way. */
	private boolean awaitRelease() {
		long deadline = System.nanoTime() + this.lockTimeoutNanos;
		try {
			while (this.held && !this.closed) {
				long remaining = deadline - System.nanoTime();
				if (remaining <= 0) {
					fail();
					return false;
				}
				// in slices, so a close from another thread is noticed without a signal
				this.released.await(Math.min(remaining, TimeUnit.MILLISECONDS.toNanos(50)), TimeUnit.NANOSECONDS);
			}
			return !this.closed;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/** Writes the queue until it is empty; the caller holds writeLock. */
	private boolean writeQueued() throws IOException {
		while (true) {
			byte[] chunk;
			int length;
			long upTo;
			synchronized (this.queueLock) {
				if (this.closed) {
					return false;
				}
				if (this.queuedBytes == 0) {
					return true;
				}
				chunk = this.queued;
				length = this.queuedBytes;
				upTo = this.queuedLines;
				this.queued = (this.spare.length > KEEP_CAPACITY) ? new byte[INITIAL_CAPACITY] : this.spare;
				this.queuedBytes = 0;
			}
			write(chunk, 0, length);
			this.spare = chunk;
			this.writtenLines = upTo;
		}
	}

	private void write(byte[] bytes, int offset, int length) throws IOException {
		try {
			for (int done = 0; done < length; done += WRITE_CHUNK) {
				this.writeProgressNanos = System.nanoTime();
				this.out.write(bytes, offset + done, Math.min(WRITE_CHUNK, length - done));
			}
			this.out.flush();
		}
		finally {
			this.writeProgressNanos = 0;
		}
	}

	/**
	 * Whether a write has been under way without progress for longer than
	 * {@code timeoutNanos}.
	 */
	boolean isStalled(long now, long timeoutNanos) {
		long since = this.writeProgressNanos;
		return since != 0 && now - since > timeoutNanos;
	}

	/** Refuses further lines and drops what is queued; the caller closes the socket. */
	void close() {
		synchronized (this.queueLock) {
			this.closed = true;
			this.queuedBytes = 0;
		}
	}

	private void fail() {
		close();
		this.onFailure.run();
	}

}
