package io.github.chatlab.server.protocol;

/**
 * Strict UTF-8 validation on raw bytes (F3), so that a message can be checked without
 * decoding it and then delivered byte-for-byte. Rejects overlong encodings, surrogates
 * and code points above U+10FFFF, as the JDK's decoder does.
 */
final class Utf8 {

	private Utf8() {
	}

	static boolean isValid(byte[] bytes, int from, int to) {
		return firstInvalid(bytes, from, to) < 0;
	}

	/**
	 * Whether the valid UTF-8 in {@code bytes[from, to)} holds a control character
	 * (Unicode category Cc: C0, DEL and C1) other than TAB.
	 */
	static boolean hasControlOtherThanTab(byte[] bytes, int from, int to) {
		return firstControlOtherThanTab(bytes, from, to) >= 0;
	}

	/** Whether {@code bytes[from, to)} is empty or only spaces and tabs (S2). */
	static boolean isBlank(byte[] bytes, int from, int to) {
		for (int i = from; i < to; i++) {
			if (bytes[i] != ' ' && bytes[i] != '\t') {
				return false;
			}
		}
		return true;
	}

	/**
	 * The offset of the first byte in {@code bytes[from, to)} that does not start a valid
	 * sequence, or -1 when all of it is valid UTF-8 (F3, O2).
	 */
	static int firstInvalid(byte[] bytes, int from, int to) {
		for (int i = from; i < to;) {
			if (bytes[i] >= 0) {
				i++;
				continue;
			}
			int length = sequenceLength(bytes, i, to);
			if (length < 0) {
				return i;
			}
			i += length;
		}
		return -1;
	}

	/**
	 * The length of the valid UTF-8 sequence starting at {@code i}, or -1 when none does.
	 */
	static int sequenceLength(byte[] bytes, int i, int to) {
		int b = bytes[i];
		if (b >= 0) {
			return 1;
		}
		int length;
		int min;
		if ((b & 0xE0) == 0xC0) {
			length = 2;
			min = 0x80;
		}
		else if ((b & 0xF0) == 0xE0) {
			length = 3;
			min = 0x800;
		}
		else if ((b & 0xF8) == 0xF0) {
			length = 4;
			min = 0x10000;
		}
		else {
			return -1;
		}
		if (i + length > to) {
			return -1;
		}
		int codePoint = b & (0x7F >> length);
		for (int k = 1; k < length; k++) {
			int c = bytes[i + k];
			if ((c & 0xC0) != 0x80) {
				return -1;
			}
			codePoint = (codePoint << 6) | (c & 0x3F);
		}
		if (codePoint < min || codePoint > 0x10FFFF || (codePoint >= 0xD800 && codePoint <= 0xDFFF)) {
			return -1;
		}
		return length;
	}

	/**
	 * The offset of the first control character other than TAB in the valid UTF-8 of
	 * {@code bytes[from, to)}, or -1 (S2).
	 */
	static int firstControlOtherThanTab(byte[] bytes, int from, int to) {
		for (int i = from; i < to; i++) {
			int b = bytes[i] & 0xFF;
			if ((b < 0x20 && b != '\t') || b == 0x7F) {
				return i;
			}
			// C1 controls U+0080..U+009F are encoded as C2 80..C2 9F
			if (b == 0xC2 && i + 1 < to && (bytes[i + 1] & 0xFF) <= 0x9F) {
				return i;
			}
		}
		return -1;
	}

}
