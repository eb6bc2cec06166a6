package io.github.chatlab.server.bots;

/** A bot's number argument, the whole message in ASCII digits. */
final class Numbers {

	private Numbers() {
	}

	/**
	 * The message {@code line[from..]} as a decimal number from {@code min} to
	 * {@code max}, or -1 when it is anything else (a sign, a space, other digits).
	 */
	static int parse(byte[] line, int from, int min, int max) {
		long value = 0;
		if (from >= line.length || line.length - from > 10) {
			return -1;
		}
		for (int i = from; i < line.length; i++) {
			int digit = line[i] - '0';
			if (digit < 0 || digit > 9) {
				return -1;
			}
			value = value * 10 + digit;
		}
		return (value >= min && value <= max) ? (int) value : -1;
	}

}
