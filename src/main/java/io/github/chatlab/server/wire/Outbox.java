package io.github.chatlab.server.wire;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Everything bound for one socket: lines are queued by any thread without waiting on the socket, and written
 * whole, in queue order, by whichever thread flushes (S6). Each queued line gets a sequence number, so that a
 * sender can tell whether its {@code DELIVERY} has been written before it answers {@code SEND-OK} (S4).
 * <p>
 * A write that makes no progress for the write time-out is cut off by the {@link WriteWatchdog}, which closes
 * the socket: a blocking socket write has no time-out of its own (S5, S7).
 */
public final class Outbox {

	private static final int INITIAL_CAPACITY = 256;

	private static final int KEEP_CAPACITY = 64 * 1024;

	/**
	 * Bytes per socket write: a write blocks until all of it fits in the socket buffer, so smaller chunks let a
	 * slow but live reader keep resetting the write time-out; only a reader that takes nothing is cut off.
	 */
	private static final int WRITE_CHUNK = 8 * 1024;

	private final Object queueLock = new Object();

	private final ReentrantLock writeLock = new ReentrantLock();

	private final OutputStream out;

	private final Runnable onFailure;

	private final long lockTimeoutNanos;

	/** Guarded by queueLock. */
	private byte[] queued = new byte[INITIAL_CAPACITY];

	/** Guarded by queueLock. */
	private int queuedBytes;

	/** Guarded by queueLock. */
	private long queuedLines;

	/** Guarded by queueLock. */
	private boolean closed;

	/** Only touched under writeLock: the buffer being written, swapped with {@link #queued}. */
	private byte[] spare = new byte[INITIAL_CAPACITY];

	private volatile long writtenLines;

	/** When the write in progress last made progress, or 0 when no write is in progress. */
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
	 * Writes everything queued so far, waiting for a write that another thread has under way.
	 * @return false when the connection is closed or the write failed (the connection is then closed)
	 */
	public boolean flush() {
		boolean locked = false;
		try {
			locked = this.writeLock.tryLock(this.lockTimeoutNanos, TimeUnit.NANOSECONDS);
			if (!locked) {
				fail();
				return false;
			}
			while (true) {
				byte[] chunk;
				int length;
				long upTo;
				synchronized (this.queueLock) {
					if (this.queuedBytes == 0) {
						return !this.closed;
					}
					if (this.closed) {
						return false;
					}
					chunk = this.queued;
					length = this.queuedBytes;
					upTo = this.queuedLines;
					this.queued = (this.spare.length > KEEP_CAPACITY) ? new byte[INITIAL_CAPACITY] : this.spare;
					this.queuedBytes = 0;
				}
				write(chunk, length);
				this.spare = chunk;
				this.writtenLines = upTo;
			}
		}
		catch (IOException ex) {
			fail();
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
		finally {
			if (locked) {
				this.writeLock.unlock();
			}
		}
	}

	private void write(byte[] chunk, int length) throws IOException {
		try {
			for (int offset = 0; offset < length; offset += WRITE_CHUNK) {
				this.writeProgressNanos = System.nanoTime();
				this.out.write(chunk, offset, Math.min(WRITE_CHUNK, length - offset));
			}
			this.out.flush();
		}
		finally {
			this.writeProgressNanos = 0;
		}
	}

	/** Whether a write has been under way without progress for longer than {@code timeoutNanos}. */
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
