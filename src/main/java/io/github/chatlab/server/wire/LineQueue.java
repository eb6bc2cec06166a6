package io.github.chatlab.server.wire;

import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * The lines queued for one socket and not yet handed to a write, in one growing byte
 * buffer, each with a sequence number (S4). Any thread may queue; nobody waits on the
 * socket to do so. The writer takes everything at once, handing back an empty buffer.
 */
final class LineQueue {

	private byte[] queued;

	private int queuedBytes;

	private long queuedLines;

	/** Written under the lock, so no line is queued after it; read anywhere. */
	private volatile boolean closed;

	LineQueue(int initialCapacity) {
		this.queued = new byte[initialCapacity];
	}

	/**
	 * Queues {@code prefix}, {@code body[offset, offset+length)} and an LF as one line.
	 * @return the line's sequence number, or -1 when closed
	 */
	synchronized long enqueue(byte[] prefix, byte[] body, int offset, int length) {
		if (this.closed) {
			return -1;
		}
		int start = grow(prefix.length + length + 1);
		System.arraycopy(prefix, 0, this.queued, start, prefix.length);
		System.arraycopy(body, offset, this.queued, start + prefix.length, length);
		this.queued[this.queuedBytes - 1] = '\n';
		return ++this.queuedLines;
	}

	/**
	 * Queues a complete line that already ends in LF.
	 * @return the line's sequence number, or -1 when closed
	 */
	synchronized long enqueue(byte[] line) {
		if (this.closed) {
			return -1;
		}
		int start = grow(line.length);
		System.arraycopy(line, 0, this.queued, start, line.length);
		return ++this.queuedLines;
	}

	/** Makes room for {@code bytes} more; returns where they go. */
	private int grow(int bytes) {
		int start = this.queuedBytes;
		int needed = start + bytes;
		if (needed > this.queued.length) {
			this.queued = Arrays.copyOf(this.queued, Math.max(needed, this.queued.length * 2));
		}
		this.queuedBytes = needed;
		return start;
	}

	/**
	 * Takes everything queued, leaving {@code empty} to queue into next.
	 * @return the taken lines, or null when there are none (or the queue is closed)
	 */
	synchronized @Nullable Batch take(byte[] empty) {
		if (this.closed || this.queuedBytes == 0) {
			return null;
		}
		Batch batch = new Batch(this.queued, this.queuedBytes, this.queuedLines);
		this.queued = empty;
		this.queuedBytes = 0;
		return batch;
	}

	synchronized int bytes() {
		return this.queuedBytes;
	}

	boolean isClosed() {
		return this.closed;
	}

	/** Refuses further lines and drops what is queued, and its buffer. */
	synchronized void close() {
		this.closed = true;
		this.queuedBytes = 0;
		this.queued = new byte[0];
	}

	/**
	 * Lines taken for a write.
	 *
	 * @param bytes the buffer
	 * @param length how much of it holds lines
	 * @param lastSequence the sequence number of its last line
	 */
	record Batch(byte[] bytes, int length, long lastSequence) {
	}

}
