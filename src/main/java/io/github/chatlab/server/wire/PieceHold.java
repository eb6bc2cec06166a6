package io.github.chatlab.server.wire;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;

import io.github.chatlab.server.chat.Peer.Piece;

/**
 * Writes a line in pieces for delaybot, so a client can be shown lines arriving in
 * fragments. From the first piece until the last, the {@link Outbox} is held: nothing
 * else is written to the socket, so no other line lands inside (S6). Its own replies stay
 * queued (the reading thread never waits on a bot), and a sender delivering to it waits
 * for the line to be whole before its {@code SEND-OK} (S4).
 */
final class PieceHold {

	private final Outbox outbox;

	/** Signalled, under the outbox's write lock, when a held line ends. */
	private final Condition ended;

	/** Guarded by the outbox's write lock; volatile for {@link #wakeWaiters()}. */
	private volatile boolean held;

	/** The longest wait for a held line to end: a few of delaybot's steps. */
	private final long timeoutNanos;

	PieceHold(Outbox outbox, Condition ended, long timeoutNanos) {
		this.outbox = outbox;
		this.ended = ended;
		this.timeoutNanos = timeoutNanos;
	}

	/**
	 * Writes one piece. The first waits for any earlier held line and writes what is
	 * queued before it; the last writes what was queued meanwhile.
	 * @return false when the connection is closed or the write failed
	 */
	boolean write(byte[] bytes, int offset, int length, Piece piece) {
		if (!this.outbox.lock()) {
			return false;
		}
		try {
			if (piece == Piece.FIRST) {
				if (!awaitEnd() || !this.outbox.writeQueued()) {
					return false;
				}
				this.held = true;
			}
			this.outbox.write(bytes, offset, length);
			if (piece == Piece.LAST) {
				end();
				return this.outbox.writeQueued();
			}
			return !this.outbox.isClosed();
		}
		catch (IOException ex) {
			end();
			this.outbox.fail();
			return false;
		}
		finally {
			this.outbox.unlock();
		}
	}

	/** Whether a line is being written in pieces; the caller holds the write lock. */
	boolean isHeld() {
		return this.held;
	}

	/**
	 * Wakes threads waiting for a held line that will never end, once the socket is
	 * closed (so a write under way has failed and let go of the lock).
	 */
	void wakeWaiters() {
		if (this.held && this.outbox.lock()) {
			try {
				end();
			}
			finally {
				this.outbox.unlock();
			}
		}
	}

	/** Ends the hold and wakes its waiters; the caller holds the write lock. */
	void end() {
		this.held = false;
		this.ended.signalAll();
	}

	/**
	 * Waits, holding the write lock, until no line is held or the connection closes.
	 * @return false when the connection closed or the wait timed out (it is then failed)
	 */
	boolean awaitEnd() {
		long remaining = this.timeoutNanos;
		try {
			while (this.held && !this.outbox.isClosed()) {
				if (remaining <= 0) {
					this.outbox.fail();
					return false;
				}
				remaining = this.ended.awaitNanos(remaining);
			}
			return !this.outbox.isClosed();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
