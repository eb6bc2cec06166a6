package io.github.chatlab.server.protocol;

/**
 * One framed line as it came off the socket (F2, F5): either its content without the LF
 * and one trailing CR, or, for a line over {@code chat.max-line-bytes}, only its first
 * bytes, because the rest was never buffered.
 */
public sealed interface Frame {

	/** A complete line; {@code bytes} excludes the LF and one CR directly before it. */
	record Line(byte[] bytes) implements Frame {

		/** How much of a line {@link #toString()} shows. */
		private static final int SHOWN_BYTES = 256;

		/**
		 * The line as a log may show it (R4): escaped, cut, a message's text only as its
		 * length ({@link Printable#line}).
		 */
		@Override
		public String toString() {
			return "Line[" + Printable.line(this.bytes, this.bytes.length, SHOWN_BYTES, false) + "]";
		}

	}

	/**
	 * A line longer than the limit, discarded up to its LF; {@code prefix} holds its
	 * first bytes, {@code length} counts them all, a CR included (F5).
	 */
	record Overlong(byte[] prefix, long length) implements Frame {

		@Override
		public String toString() {
			int whole = (int) Math.min(Integer.MAX_VALUE, this.length);
			return "Overlong[" + Printable.line(this.prefix, whole, this.prefix.length, false) + ", " + this.length
					+ " bytes]";
		}

	}

}
