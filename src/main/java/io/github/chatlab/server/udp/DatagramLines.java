package io.github.chatlab.server.udp;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * U1's framing, one request per datagram, and U4's cut of {@code LIST-OK} to one
 * datagram. The datagram arrives already cut to {@code chat.udp.max-datagram-bytes} by
 * the receive buffer, so an LF beyond that never counts.
 */
final class DatagramLines {

	private static final byte LF = '\n';

	private static final byte CR = '\r';

	private static final byte COMMA = ',';

	private static final byte[] HELLO_FROM = ascii("HELLO-FROM");

	private static final byte[] LIST_OK = ascii("LIST-OK ");

	private DatagramLines() {
	}

	/**
	 * The request a datagram carries: its bytes up to the first LF, one CR before it
	 * removed (F2), or null when it has no LF (U1). What follows the LF is ignored.
	 */
	static byte @Nullable [] request(byte[] datagram) {
		for (int i = 0; i < datagram.length; i++) {
			if (datagram[i] == LF) {
				int end = (i > 0 && datagram[i - 1] == CR) ? i - 1 : i;
				return Arrays.copyOf(datagram, end);
			}
		}
		return null;
	}

	/**
	 * Whether the request's header (H1) is {@code HELLO-FROM}, the only one U3 answers.
	 */
	static boolean isHelloFrom(byte[] request) {
		int end = HELLO_FROM.length;
		return startsWith(request, HELLO_FROM) && (request.length == end || request[end] == ' ');
	}

	/**
	 * A {@code LIST-OK} line longer than {@code maxBytes} cut after the last name that
	 * fits, so a client reads whole names in one datagram (U4); any other line as it is.
	 * Other replies fit: {@code HELLO} with a name of 32 code points is 135 bytes, and
	 * {@code max-datagram-bytes} is at least 256; only the {@code DELIVERY} of a
	 * {@code SEND} to oneself can be longer, by at most 4 bytes ({@code DELIVERY} against
	 * {@code SEND}), and a message is never cut.
	 */
	static byte[] fitted(byte[] line, int maxBytes) {
		if (line.length <= maxBytes || !startsWith(line, LIST_OK)) {
			return line;
		}
		int cut = maxBytes - 1;
		while (cut > 0 && line[cut] != COMMA) {
			cut--;
		}
		byte[] fitted = Arrays.copyOf(line, cut + 1);
		fitted[cut] = LF;
		return fitted;
	}

	private static boolean startsWith(byte[] bytes, byte[] prefix) {
		return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

}
