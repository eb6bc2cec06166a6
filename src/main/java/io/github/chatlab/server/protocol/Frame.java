package io.github.chatlab.server.protocol;

/**
 * One framed line as it came off the socket (F2, F5): either its content without the LF
 * and one trailing CR, or, for a line over {@code chat.max-line-bytes}, only its first
 * bytes, because the rest was never buffered.
 */
public sealed interface Frame {

	/** A complete line; {@code bytes} excludes the LF and one CR directly before it. */
	record Line(byte[] bytes) implements Frame {
	}

	/**
	 * A line longer than the limit, discarded up to its LF; {@code prefix} holds its
	 * first bytes (F5).
	 */
	record Overlong(byte[] prefix) implements Frame {
	}

}
