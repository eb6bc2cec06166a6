package io.github.chatlab.server.wire;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

import io.github.chatlab.server.protocol.Frame;

/**
 * A connection's input: reads the socket in blocks (F4), cuts it into LF-terminated lines
 * (F2), never holds more than {@code maxLineBytes} of one line (F5) and drops an
 * unterminated last line (F6).
 * <p>
 * Just before it would block for more input it runs {@code beforeBlockingRead}: that is
 * when the connection flushes the replies to every line it has already read, so that a
 * burst of requests gets its replies in one write instead of one write per line.
 */
public final class LineInput extends InputStream {

	/**
	 * Enough of an over-long line to tell its header, and whether a space follows it (F3,
	 * F5).
	 */
	static final int OVERLONG_PREFIX_BYTES = 16;

	private static final int SCRATCH_KEEP_BYTES = 8192;

	private final InputStream in;

	private final int maxLineBytes;

	private final Runnable beforeBlockingRead;

	private final byte[] buffer;

	private int position;

	private int limit;

	/** Set when the connection is done with its input (L5): the next read ends it. */
	private volatile boolean stopped;

	/** The part of a line that spans reads; grows to at most maxLineBytes. */
	private byte[] partial = new byte[0];

	/**
	 * Bytes of an unterminated line read before the reading thread blocked for more, for
	 * the login time-out's reason (L8, O2); written only on the path of a line that spans
	 * reads.
	 */
	private volatile long waiting;

	public LineInput(InputStream in, int bufferSize, int maxLineBytes, Runnable beforeBlockingRead) {
		this.in = in;
		this.buffer = new byte[bufferSize];
		this.maxLineBytes = maxLineBytes;
		this.beforeBlockingRead = beforeBlockingRead;
	}

	/**
	 * The next line, or an {@link Frame.Overlong} for a line over the limit.
	 * @throws SoftEndOfStreamException at the end of the stream, discarding any
	 * unterminated line (F6)
	 */
	public Frame readFrame() throws IOException {
		if (this.stopped) {
			throw new EndOfStream("Input stopped");
		}
		// bytes of this line seen so far, a CR included (F5 counts them all)
		long length = 0;
		// bytes of this line in this.partial
		int kept = 0;
		while (true) {
			if (this.position == this.limit) {
				if (length != this.waiting) {
					this.waiting = length;
				}
				if (!fill()) {
					throw new EndOfStream("Stream closed between lines or in a line");
				}
			}
			int start = this.position;
			int lf = indexOfLf(start, this.limit);
			int end = (lf < 0) ? this.limit : lf;
			int segment = end - start;
			if (lf >= 0 && length == 0 && segment <= this.maxLineBytes) {
				// the common case: the whole line is in the buffer
				this.position = lf + 1;
				return new Frame.Line(Arrays.copyOfRange(this.buffer, start, withoutCr(this.buffer, start, end)));
			}
			int room = (length + segment <= this.maxLineBytes) ? segment
					: (int) Math.max(0, Math.min(segment, OVERLONG_PREFIX_BYTES - length));
			if (room > 0) {
				ensurePartial(kept + room);
				System.arraycopy(this.buffer, start, this.partial, kept, room);
				kept += room;
			}
			length += segment;
			this.position = (lf < 0) ? this.limit : lf + 1;
			if (lf >= 0) {
				return complete(length, kept);
			}
		}
	}

	private Frame complete(long length, int kept) {
		if (this.waiting != 0) {
			this.waiting = 0;
		}
		Frame frame;
		if (length > this.maxLineBytes) {
			frame = new Frame.Overlong(Arrays.copyOf(this.partial, Math.min(kept, OVERLONG_PREFIX_BYTES)), length);
		}
		else {
			frame = new Frame.Line(Arrays.copyOf(this.partial, withoutCr(this.partial, 0, kept)));
		}
		if (this.partial.length > SCRATCH_KEEP_BYTES) {
			// a rare long line should not pin its buffer for the connection's life
			this.partial = new byte[0];
		}
		return frame;
	}

	private static int withoutCr(byte[] bytes, int start, int end) {
		return (end > start && bytes[end - 1] == '\r') ? end - 1 : end;
	}

	private int indexOfLf(int from, int to) {
		byte[] b = this.buffer;
		for (int i = from; i < to; i++) {
			if (b[i] == '\n') {
				return i;
			}
		}
		return -1;
	}

	private void ensurePartial(int needed) {
		if (needed > this.partial.length) {
			int size = Math.max(needed, Math.min(this.maxLineBytes + 1, Math.max(256, this.partial.length * 2)));
			this.partial = Arrays.copyOf(this.partial, size);
		}
	}

	private boolean fill() throws IOException {
		this.beforeBlockingRead.run();
		int n = this.in.read(this.buffer, 0, this.buffer.length);
		if (n <= 0) {
			return false;
		}
		this.position = 0;
		this.limit = n;
		return true;
	}

	/**
	 * How many bytes of a line without its LF yet were waiting when the reading thread
	 * last blocked for more (L8's reason); 0 between lines.
	 */
	long unterminatedBytes() {
		return this.waiting;
	}

	/** Ends the input: the next {@link #readFrame()} reports the end of the stream. */
	void stop() {
		this.stopped = true;
		this.position = this.limit;
	}

	@Override
	public int read() throws IOException {
		if (this.position == this.limit && !fill()) {
			return -1;
		}
		return this.buffer[this.position++] & 0xFF;
	}

	@Override
	public int read(byte[] b, int off, int len) throws IOException {
		if (len == 0) {
			return 0;
		}
		if (this.position == this.limit && !fill()) {
			return -1;
		}
		int n = Math.min(len, this.limit - this.position);
		System.arraycopy(this.buffer, this.position, b, off, n);
		this.position += n;
		return n;
	}

	@Override
	public int available() {
		return this.limit - this.position;
	}

	@Override
	public void close() throws IOException {
		this.in.close();
	}

	/**
	 * The end of a client's input, thrown once per connection, without a stack trace:
	 * every disconnect throws one, Spring Integration's read loop only needs its type,
	 * and a stack trace per disconnect was part of what a JFR profile of connection churn
	 * showed on the close path. A new one each time, since a shared instance would gather
	 * the suppressed exceptions of every connection it passed through.
	 */
	static final class EndOfStream extends SoftEndOfStreamException {

		EndOfStream(String message) {
			super(message);
		}

		@Override
		public synchronized Throwable fillInStackTrace() {
			return this;
		}

	}

}
