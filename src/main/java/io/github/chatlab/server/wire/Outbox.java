package io.github.chatlab.server.wire;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import io.github.chatlab.server.chat.Peer.Piece;

/**
 * Everything bound for one socket: lines are queued by any thread without waiting on the
 * socket, and written whole, in queue order, by whichever thread flushes (S6). Each
 * queued line gets a sequence number, so that a sender can tell whether its
 * {@code DELIVERY} has been written before it answers {@code SEND-OK} (S4).
 * <p>
 * A write that makes no progress for the write time-out is cut off by the
 * {@link ConnectionTracker}, which closes the socket: a blocking socket write has no
 * time-out of its own (S5, S7). While delaybot writes a line in pieces, the
 * {@link PieceHold} keeps everything else queued.
 */
public final class Outbox {

	private static final int INITIAL_CAPACITY = 256;

	/**
	 * A buffer grown past this for a large line is dropped once written, so one long
	 * message or a burst of {@code LIST-OK}s does not pin its memory for the connection's
	 * life (S8).
	 */
	private static final int KEEP_CAPACITY = 64 * 1024;

	/**
	 * Bytes per socket write: a write blocks until all of it fits in the socket buffer,
	 * so smaller chunks let a slow but live reader keep resetting the write time-out;
	 * only a reader that takes nothing is cut off (S5). Small segments also keep the
	 * client's kernel reopening its window in small steps: with 8 KiB writes and a 64 KiB
	 * send buffer, a 16 KiB/s reader's socket took nothing for 7.0 to 7.6 s after its
	 * buffers first filled (10 runs over loopback), before it could have earned S5's
	 * allowance (S7, {@link WriteProgress}); with 1 KiB writes and a 4 KiB buffer, 1.1 to
	 * 3.2 s (9 runs). A line of 1 KiB or less, nearly every line, is still one write.
	 */
	private static final int WRITE_CHUNK = 1024;

	/**
	 * How often a thread waiting for the write lock checks whether the connection closed.
	 */
	private static final long LOCK_POLL_MILLIS = 100;

	private final ReentrantLock writeLock = new ReentrantLock();

	private final PieceHold hold;

	private final OutputStream out;

	private final Runnable onFailure;

	private final LineQueue queue = new LineQueue(INITIAL_CAPACITY);

	/**
	 * Only touched under writeLock: the buffer the queue fills next while one is written.
	 */
	private byte[] spare = new byte[INITIAL_CAPACITY];

	private volatile long writtenLines;

	private final WriteProgress progress;

	Outbox(OutputStream out, long writeTimeoutNanos, Runnable onFailure) {
		this.out = out;
		this.onFailure = onFailure;
		this.progress = new WriteProgress(writeTimeoutNanos, System.nanoTime());
		this.hold = new PieceHold(2 * writeTimeoutNanos + TimeUnit.SECONDS.toNanos(1));
	}

	/**
	 * Queues {@code prefix}, {@code body[offset, offset+length)} and an LF as one line.
	 * @return the line's sequence number, or -1 when the connection is closed
	 */
	public long enqueue(byte[] prefix, byte[] body, int offset, int length) {
		return this.queue.enqueue(prefix, body, offset, length);
	}

	/**
	 * Queues a complete line that already ends in LF.
	 * @return the line's sequence number, or -1 when the connection is closed
	 */
	public long enqueue(byte[] line) {
		return this.queue.enqueue(line);
	}

	/** Whether line {@code sequence} has been written to the socket. */
	public boolean isWritten(long sequence) {
		return sequence > 0 && this.writtenLines >= sequence;
	}

	/** Bytes queued and not yet handed to a write (S8). */
	public int queuedBytes() {
		return this.queue.bytes();
	}

	/**
	 * Writes everything queued so far, waiting for a write that another thread has under
	 * way, and for a line being written in pieces to end.
	 * @return false when the connection is closed or the write failed (it is then closed)
	 */
	public boolean flush() {
		return flush(true);
	}

	/**
	 * Like {@link #flush()}, but leaves the lines queued while a line is being written in
	 * pieces: its last piece writes them. For the connection's own replies, so that its
	 * reading thread never waits on a bot.
	 */
	public boolean flushUnlessHeld() {
		return flush(false);
	}

	private boolean flush(boolean waitForHold) {
		if (!lock()) {
			return false;
		}
		try {
			if (this.hold.isHeld() && (!waitForHold || !this.hold.awaitEnd())) {
				return !waitForHold && !isClosed();
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

	/** Writes lines in pieces for delaybot; see {@link PieceHold}. */
	PieceHold hold() {
		return this.hold;
	}

	/**
	 * Takes the write lock, waiting as long as the thread that has it makes progress: a
	 * recipient that reads slowly but steadily makes its senders wait their turn (S4),
	 * and one that stops reading is cut off by the write time-out, which closes the
	 * socket and so frees the lock (S5, S7). Measured: giving up after a fixed 11 s
	 * disconnected a recipient reading a steady 32 KiB/s from four pipelining senders.
	 * @return false when the connection closed meanwhile
	 */
	private boolean lock() {
		try {
			while (!this.writeLock.tryLock(LOCK_POLL_MILLIS, TimeUnit.MILLISECONDS)) {
				if (isClosed()) {
					return false;
				}
			}
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private void unlock() {
		this.writeLock.unlock();
	}

	/** Writes the queue until it is empty; the caller holds the write lock. */
	private boolean writeQueued() throws IOException {
		LineQueue.Batch batch;
		while ((batch = this.queue.take(this.spare)) != null) {
			write(batch.bytes(), 0, batch.length());
			this.spare = (batch.bytes().length > KEEP_CAPACITY) ? new byte[INITIAL_CAPACITY] : batch.bytes();
			this.writtenLines = batch.lastSequence();
		}
		return !this.queue.isClosed();
	}

	/** Writes bytes to the socket in chunks; the caller holds the write lock. */
	private void write(byte[] bytes, int offset, int length) throws IOException {
		try {
			for (int done = 0; done < length; done += WRITE_CHUNK) {
				int chunk = Math.min(WRITE_CHUNK, length - done);
				long now = System.nanoTime();
				this.progress.writing(now);
				this.out.write(bytes, offset + done, chunk);
				this.progress.accepted(chunk, now);
			}
			this.out.flush();
		}
		finally {
			this.progress.idle();
		}
	}

	/**
	 * Whether a write has waited too long for the socket to take anything; see
	 * {@link WriteProgress}.
	 */
	boolean isStalled(long now) {
		return this.progress.isStalled(now);
	}

	boolean isClosed() {
		return this.queue.isClosed();
	}

	/**
	 * Refuses further lines and drops what is queued and its buffer; the caller closes
	 * the socket, then calls {@link PieceHold#wakeWaiters()}.
	 */
	void close() {
		this.queue.close();
	}

	private void fail() {
		close();
		this.onFailure.run();
	}

	/**
	 * Writes a line in pieces for delaybot, so a client can be shown lines arriving in
	 * fragments. From the first piece until the last, the {@link Outbox} is held: nothing
	 * else is written to the socket, so no other line lands inside (S6). Its own replies
	 * stay queued (the reading thread never waits on a bot), and a sender delivering to
	 * it waits for the line to be whole before its {@code SEND-OK} (S4).
	 */
	final class PieceHold {

		/** Signalled, under the write lock, when a held line ends. */
		private final Condition ended = Outbox.this.writeLock.newCondition();

		/** Guarded by the write lock; volatile for {@link #wakeWaiters()}. */
		private volatile boolean held;

		/** The longest wait for a held line to end: a few of delaybot's steps. */
		private final long timeoutNanos;

		private PieceHold(long timeoutNanos) {
			this.timeoutNanos = timeoutNanos;
		}

		/**
		 * Writes one piece. The first waits for any earlier held line and writes what is
		 * queued before it; the last writes what was queued meanwhile.
		 * @return false when the connection is closed or the write failed
		 */
		boolean write(byte[] bytes, int offset, int length, Piece piece) {
			if (!lock()) {
				return false;
			}
			try {
				if (piece == Piece.FIRST) {
					if (!awaitEnd() || !writeQueued()) {
						return false;
					}
					this.held = true;
				}
				Outbox.this.write(bytes, offset, length);
				if (piece == Piece.LAST) {
					end();
					return writeQueued();
				}
				return !isClosed();
			}
			catch (IOException ex) {
				end();
				fail();
				return false;
			}
			finally {
				unlock();
			}
		}

		/** Whether a line is being written in pieces; the caller holds the write lock. */
		private boolean isHeld() {
			return this.held;
		}

		/**
		 * Wakes threads waiting for a held line that will never end, once the socket is
		 * closed (so a write under way has failed and let go of the lock).
		 */
		void wakeWaiters() {
			if (this.held && lock()) {
				try {
					end();
				}
				finally {
					unlock();
				}
			}
		}

		/** Ends the hold and wakes its waiters; the caller holds the write lock. */
		private void end() {
			this.held = false;
			this.ended.signalAll();
		}

		/**
		 * Waits, holding the write lock, until no line is held or the connection closes.
		 * @return false when the connection closed or the wait timed out (it is then
		 * failed)
		 */
		private boolean awaitEnd() {
			long remaining = this.timeoutNanos;
			try {
				while (this.held && !isClosed()) {
					if (remaining <= 0) {
						fail();
						return false;
					}
					remaining = this.ended.awaitNanos(remaining);
				}
				return !isClosed();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}

	}

}
