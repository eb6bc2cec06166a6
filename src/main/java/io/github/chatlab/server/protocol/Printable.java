package io.github.chatlab.server.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Lines as text a person can read in a log, a trace or a reason (O2, O3): printable
 * characters as they are, control bytes and bytes that are not UTF-8 escaped ({@code \r},
 * {@code \x00}, {@code \xE9}), invisible and C1 characters as {@code \u200B}, cut to a
 * number of bytes with {@code …}. Message text is private (R4): {@link #line} shows it
 * only as its length unless asked to.
 */
public final class Printable {

	private static final byte[][] PUBLIC_HEADERS = { ascii("HELLO-FROM"), ascii("LIST"), ascii("HELLO"),
			ascii("LIST-OK"), ascii("IN-USE"), ascii("BUSY"), ascii("SEND-OK"), ascii("BAD-DEST-USER"),
			ascii("BAD-RQST-HDR"), ascii("BAD-RQST-BODY"), ascii("SET"), ascii("GET"), ascii("RESET"), ascii("SET-OK"),
			ascii("VALUE") };

	private Printable() {
	}

	/** {@code bytes[from, to)} escaped, cut after {@code maxBytes} of them. */
	public static String bytes(byte[] bytes, int from, int to, int maxBytes) {
		StringBuilder text = new StringBuilder(Math.min(to - from, maxBytes) + 8);
		appendEscaped(text, bytes, from, to, maxBytes);
		return text.toString();
	}

	/**
	 * A line as a trace or a log shows it: escaped and cut to {@code maxBytes}, and
	 * unless {@code bodies}, the private part (what {@link #privateFrom} finds) as
	 * {@code <n bytes>}.
	 * @param line the line's first bytes: all of it, or at least {@code maxBytes}
	 * @param length the whole line's length, which may be more than {@code line} holds
	 */
	public static String line(byte[] line, int length, int maxBytes, boolean bodies) {
		int held = Math.min(length, line.length);
		int hidden = bodies ? -1 : privateFrom(line, 0, held);
		StringBuilder text = new StringBuilder(Math.min(held, maxBytes) + 16);
		if (hidden < 0) {
			appendEscaped(text, line, 0, held, maxBytes);
			if (held < length && held <= maxBytes) {
				text.append('…');
			}
			return text.toString();
		}
		appendEscaped(text, line, 0, hidden, maxBytes);
		return text.append('<')
			.append(length - hidden)
			.append((length - hidden == 1) ? " byte>" : " bytes>")
			.toString();
	}

	/**
	 * Where the private text of a line starts, -1 when it has none: in a line whose
	 * header is not one the protocol names for names, lists, replies or fault settings
	 * (so {@code SEND}, {@code DELIVERY}, {@code send} and anything unknown), everything
	 * after its second space, as {@code <msg>} is in {@code SEND <to> <msg>} and
	 * {@code DELIVERY <from> <msg>} (O3, R4).
	 */
	public static int privateFrom(byte[] line, int from, int to) {
		int first = indexOf(line, (byte) ' ', from, to);
		if (first < 0) {
			return -1;
		}
		for (byte[] header : PUBLIC_HEADERS) {
			if (Arrays.equals(line, from, first, header, 0, header.length)) {
				return -1;
			}
		}
		int second = indexOf(line, (byte) ' ', first + 1, to);
		return (second < 0) ? -1 : second + 1;
	}

	/** A code point as {@code U+00E9}. */
	public static String codePoint(int codePoint) {
		return String.format("U+%04X", codePoint);
	}

	/** A byte as {@code 0xE9}. */
	public static String hexByte(int b) {
		return String.format("0x%02X", b & 0xFF);
	}

	static void appendEscaped(StringBuilder text, byte[] bytes, int from, int to, int maxBytes) {
		int end = (int) Math.min(to, (long) from + maxBytes);
		int i = from;
		while (i < end) {
			int b = bytes[i] & 0xFF;
			if (b == '\\') {
				text.append("\\\\");
			}
			else if (b >= 0x20 && b < 0x7F) {
				text.append((char) b);
			}
			else if (b == '\t') {
				text.append("\\t");
			}
			else if (b == '\r') {
				text.append("\\r");
			}
			else if (b == '\n') {
				text.append("\\n");
			}
			else if (b >= 0x80) {
				int length = Utf8.sequenceLength(bytes, i, end);
				if (length > 0) {
					int codePoint = new String(bytes, i, length, StandardCharsets.UTF_8).codePointAt(0);
					if (codePoint <= 0x9F || UserNames.isInvisible(codePoint)) {
						text.append(String.format("\\u%04X", codePoint));
					}
					else {
						text.appendCodePoint(codePoint);
					}
					i += length;
					continue;
				}
				text.append(String.format("\\x%02X", b));
			}
			else {
				text.append(String.format("\\x%02X", b));
			}
			i++;
		}
		if (end < to) {
			text.append('…');
		}
	}

	/** The offset of the first {@code b} in {@code bytes[from, to)}, or -1. */
	static int indexOf(byte[] bytes, byte b, int from, int to) {
		for (int i = from; i < to; i++) {
			if (bytes[i] == b) {
				return i;
			}
		}
		return -1;
	}

	static byte[] ascii(String s) {
		return s.getBytes(StandardCharsets.US_ASCII);
	}

}
