package io.github.chatlab.server.load;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One non-blocking client socket owned by an {@link EventLoop}: splits what it reads into
 * LF-terminated lines and buffers what it writes, so that thousands of clients need no
 * threads. Not thread-safe: only the loop thread touches it.
 */
final class Connection {

	private static final int WRITE_SLICE = 64 * 1024;

	private final EventLoop loop;

	private final SocketChannel channel;

	private final ConnectionHandler handler;

	private SelectionKey key;

	/** Bytes of a line whose LF has not arrived yet. */
	private byte[] partial = new byte[256];

	private int partialLength;

	private ByteBuffer out = ByteBuffer.allocate(1024);

	private boolean dirty;

	private boolean connected;

	private boolean closed;

	private boolean closedByUs;

	Connection(EventLoop loop, SocketChannel channel, ConnectionHandler handler) {
		this.loop = loop;
		this.channel = channel;
		this.handler = handler;
	}

	void attach(SelectionKey key) {
		this.key = key;
	}

	boolean isOpen() {
		return !this.closed;
	}

	boolean closedByUs() {
		return this.closedByUs;
	}

	/**
	 * Queues one line (LF appended); it is written when the loop flushes, batched with
	 * others.
	 */
	void send(String line) {
		if (this.closed) {
			return;
		}
		// String.getBytes is a plain copy for ASCII text (compact strings), the tool's
		// common case
		byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
		ensureOut(bytes.length + 1);
		this.out.put(bytes);
		this.out.put((byte) '\n');
		if (!this.dirty) {
			this.dirty = true;
			this.loop.markDirty(this);
		}
	}

	/**
	 * Closes the socket; with {@code reset} SO_LINGER is 0 so the peer sees a TCP reset,
	 * not a FIN.
	 */
	void close(boolean reset) {
		if (this.closed) {
			return;
		}
		this.closedByUs = true;
		if (reset) {
			try {
				this.channel.setOption(StandardSocketOptions.SO_LINGER, 0);
			}
			catch (IOException | RuntimeException ex) {
				// closing anyway
			}
		}
		else {
			flush();
		}
		terminate(null);
	}

	void finishConnect() {
		try {
			if (this.channel.finishConnect()) {
				connectedNow();
			}
		}
		catch (IOException ex) {
			terminate(ex);
		}
	}

	void connectedNow() {
		this.connected = true;
		this.key.interestOps(SelectionKey.OP_READ | (this.out.position() > 0 ? SelectionKey.OP_WRITE : 0));
		this.handler.onConnected(this);
	}

	/**
	 * Reads what is there (one buffer's worth, for fairness) and hands out complete
	 * lines.
	 */
	void readable(ByteBuffer scratch) {
		scratch.clear();
		int n;
		try {
			n = this.channel.read(scratch);
		}
		catch (IOException ex) {
			terminate(ex);
			return;
		}
		if (n < 0) {
			terminate(null);
			return;
		}
		scratch.flip();
		split(scratch);
	}

	/**
	 * Hands out every complete line in {@code data} (a heap buffer); keeps the
	 * unterminated rest.
	 */
	private void split(ByteBuffer data) {
		byte[] bytes = data.array();
		int limit = data.limit();
		int start = data.position();
		for (int i = start; i < limit && !this.closed; i++) {
			if (bytes[i] != '\n') {
				continue;
			}
			String line;
			if (this.partialLength == 0) {
				line = decode(bytes, start, i);
			}
			else {
				appendPartial(bytes, start, i);
				line = decode(this.partial, 0, this.partialLength);
				this.partialLength = 0;
			}
			start = i + 1;
			this.handler.onLine(this, line);
		}
		if (start < limit && !this.closed) {
			appendPartial(bytes, start, limit);
		}
	}

	private static String decode(byte[] bytes, int from, int to) {
		int end = (to > from && bytes[to - 1] == '\r') ? to - 1 : to;
		return new String(bytes, from, end - from, StandardCharsets.UTF_8);
	}

	private void appendPartial(byte[] bytes, int from, int to) {
		int count = to - from;
		if (this.partialLength + count > this.partial.length) {
			this.partial = Arrays.copyOf(this.partial, Math.max(this.partial.length * 2, this.partialLength + count));
		}
		System.arraycopy(bytes, from, this.partial, this.partialLength, count);
		this.partialLength += count;
	}

	/**
	 * Writes as much queued output as the socket takes; waits for OP_WRITE for the rest.
	 */
	void flush() {
		this.dirty = false;
		if (this.closed || !this.connected || this.out.position() == 0) {
			return;
		}
		this.out.flip();
		try {
			// in slices: the JDK copies a heap buffer's whole remainder to a direct
			// buffer on every write
			int end = this.out.limit();
			while (this.out.position() < end) {
				this.out.limit(Math.min(end, this.out.position() + WRITE_SLICE));
				if (this.channel.write(this.out) == 0 || this.out.hasRemaining()) {
					break;
				}
			}
			this.out.limit(end);
		}
		catch (IOException ex) {
			this.out.clear();
			terminate(ex);
			return;
		}
		this.out.compact();
		int ops = SelectionKey.OP_READ | (this.out.position() > 0 ? SelectionKey.OP_WRITE : 0);
		if (this.key.isValid() && this.key.interestOps() != ops) {
			this.key.interestOps(ops);
		}
	}

	private void ensureOut(int extra) {
		if (this.out.remaining() < extra) {
			ByteBuffer bigger = ByteBuffer.allocate(Math.max(this.out.capacity() * 2, this.out.position() + extra));
			this.out.flip();
			bigger.put(this.out);
			this.out = bigger;
		}
	}

	void terminate(Throwable cause) {
		if (this.closed) {
			return;
		}
		this.closed = true;
		if (this.key != null) {
			this.key.cancel();
		}
		try {
			if (this.channel != null) {
				this.channel.close();
			}
		}
		catch (IOException ex) {
			// already gone
		}
		this.handler.onClosed(this, cause);
	}

}
