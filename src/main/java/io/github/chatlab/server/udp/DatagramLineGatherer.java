package io.github.chatlab.server.udp;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import io.github.chatlab.server.chat.Peer.Piece;

/**
 * Gathers the pieces of a write into whole lines, because a datagram is a line (U1):
 * delaybot's two lines in three pieces reach a UDP client as two datagrams, the first
 * when the second piece completes it. A write in pieces owns the gatherer from its
 * {@code FIRST} piece to its {@code LAST}: another bot's {@code FIRST} waits for that
 * {@code LAST}, as a TCP connection's writes do ({@code wire.Outbox}), so two bots
 * answering one UDP client at once never cut into each other's lines.
 */
final class DatagramLineGatherer {

	/**
	 * The longest a write waits for another to end: a few of delaybot's steps. A write
	 * whose last piece never comes loses its partial line after that; when the client
	 * leaves, {@link #abandon} ends the wait at once.
	 */
	static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(5);

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition ended = this.lock.newCondition();

	/** Guarded by the lock. */
	private final ByteArrayOutputStream pieces = new ByteArrayOutputStream();

	/** Guarded by the lock: a write in pieces has begun and not ended. */
	private boolean open;

	/**
	 * Adds one piece and returns the lines it completes, each with its LF; what follows
	 * the last LF waits for the next piece, or is dropped after the {@code LAST} one.
	 * @return the lines; none when interrupted while waiting for another write to end
	 */
	List<byte[]> add(byte[] bytes, int offset, int length, Piece piece) {
		List<byte[]> lines = new ArrayList<>(2);
		this.lock.lock();
		try {
			if (piece == Piece.FIRST) {
				long left = WAIT_NANOS;
				while (this.open && left > 0) {
					left = this.ended.awaitNanos(left);
				}
				this.pieces.reset();
				this.open = true;
			}
			this.pieces.write(bytes, offset, length);
			byte[] gathered = this.pieces.toByteArray();
			int start = 0;
			for (int i = 0; i < gathered.length; i++) {
				if (gathered[i] == '\n') {
					lines.add(Arrays.copyOfRange(gathered, start, i + 1));
					start = i + 1;
				}
			}
			this.pieces.reset();
			if (piece == Piece.LAST) {
				this.open = false;
				this.ended.signalAll();
			}
			else {
				this.pieces.write(gathered, start, gathered.length - start);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			this.lock.unlock();
		}
		return lines;
	}

	/**
	 * The client is gone: a write in pieces that was under way will not end, so nobody
	 * waits for it.
	 */
	void abandon() {
		this.lock.lock();
		try {
			this.open = false;
			this.pieces.reset();
			this.ended.signalAll();
		}
		finally {
			this.lock.unlock();
		}
	}

}
