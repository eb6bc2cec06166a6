package io.github.chatlab.server.load;

/**
 * The body of every message the tool sends: {@code <seq>:<sentNanos>:<lagNanos>:} padded
 * with {@code x} to the body size. The receiver recovers the sequence number (for
 * exactly-once and order checks) and the send time (for SEND-to-DELIVERY latency) from
 * the body alone; {@code lagNanos} is how late a paced send left after its intended time,
 * so the receiver can also report latency from the intended time (no coordinated
 * omission). Times are relative to the tool's own clock origin, so they are never
 * negative.
 */
final class MessageBody {

	private static final long ORIGIN = System.nanoTime();

	private static final String PADDING = "x".repeat(4096);

	private MessageBody() {
	}

	/** Now, on the clock the bodies use. */
	static long now() {
		return System.nanoTime() - ORIGIN;
	}

	static String encode(long seq, long sentNanos, long lagNanos, int size) {
		StringBuilder body = new StringBuilder(Math.max(size, 48));
		body.append(seq).append(':').append(sentNanos).append(':').append(lagNanos).append(':');
		while (body.length() < size) {
			body.append(PADDING, 0, Math.min(PADDING.length(), size - body.length()));
		}
		return body.toString();
	}

	/**
	 * Parses a body starting at {@code from} in {@code text}; null when it is not one of
	 * ours or the padding is damaged.
	 */
	static Decoded decode(String text, int from) {
		long[] numbers = new long[3];
		int position = from;
		for (int field = 0; field < 3; field++) {
			long value = 0;
			int digits = 0;
			while (position < text.length() && text.charAt(position) >= '0' && text.charAt(position) <= '9') {
				value = value * 10 + (text.charAt(position) - '0');
				position++;
				digits++;
			}
			if (digits == 0 || digits > 18 || position >= text.length() || text.charAt(position) != ':') {
				return null;
			}
			numbers[field] = value;
			position++;
		}
		for (int i = position; i < text.length(); i++) {
			if (text.charAt(i) != 'x') {
				return null;
			}
		}
		return new Decoded(numbers[0], numbers[1], numbers[2], text.length() - from);
	}

	/** What a body carried. */
	record Decoded(long seq, long sentNanos, long lagNanos, int length) {
	}

}
