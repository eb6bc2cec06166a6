package io.github.chatlab.server.udp.fault;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

import io.github.chatlab.server.udp.fault.FaultCommand.Get;
import io.github.chatlab.server.udp.fault.FaultCommand.Malformed;
import io.github.chatlab.server.udp.fault.FaultCommand.Reset;
import io.github.chatlab.server.udp.fault.FaultCommand.Set;
import io.github.chatlab.server.udp.fault.FaultValue.Probability;
import io.github.chatlab.server.udp.fault.FaultValue.Range;

/**
 * Turns one framed request line (U1: without its LF and CR) into a {@link FaultCommand}
 * when its header (H1: the text before the first space, case-sensitive) is {@code SET},
 * {@code GET} or {@code RESET}; any other line is left to the chat's own parser.
 * <p>
 * The body is tokens separated by single spaces, so a doubled, leading or trailing space
 * makes an empty token and the line malformed, as on the lab's server. Numbers are read
 * as the lab's server reads them: a probability is {@code digits}, {@code digits.digits}
 * or {@code .digits} ({@code 5}, {@code 0.05}, {@code .5}, {@code 00.5}); a sign, an
 * exponent, {@code 5.}, {@code NaN} or non-ASCII digits are malformed there and here, so
 * a client that works here works on the lab's host; lengths are ASCII digits, leading
 * zeros allowed. Unlike the lab's server, the value must also be within U5's bounds. The
 * line is read as bytes, so invalid UTF-8 in a body is simply malformed (F3).
 */
public final class FaultCommandParser {

	private static final byte[] SET = ascii("SET");

	private static final byte[] GET = ascii("GET");

	private static final byte[] RESET = ascii("RESET");

	private static final Reset RESET_COMMAND = new Reset();

	private FaultCommandParser() {
	}

	/**
	 * The fault command on this line, or empty when its header is none of {@code SET},
	 * {@code GET}, {@code RESET}.
	 */
	public static Optional<FaultCommand> parse(byte[] line) {
		int space = indexOfSpace(line, 0);
		int headerEnd = (space < 0) ? line.length : space;
		if (isHeader(line, headerEnd, RESET)) {
			return Optional.of((space < 0) ? RESET_COMMAND : new Malformed("RESET takes no body, as LIST (Q2)"));
		}
		if (isHeader(line, headerEnd, GET)) {
			return Optional.of(parseGet(tokens(line, space)));
		}
		if (isHeader(line, headerEnd, SET)) {
			return Optional.of(parseSet(tokens(line, space)));
		}
		return Optional.empty();
	}

	private static FaultCommand parseGet(String[] tokens) {
		if (tokens == null || tokens.length != 1) {
			return new Malformed("GET takes exactly one key");
		}
		return FaultKey.fromWireName(tokens[0])
			.<FaultCommand>map(Get::new)
			.orElseGet(() -> new Malformed("unknown key"));
	}

	private static FaultCommand parseSet(String[] tokens) {
		if (tokens == null) {
			return new Malformed("no body, an empty or non-ASCII token, or too many tokens");
		}
		Optional<FaultKey> found = FaultKey.fromWireName(tokens[0]);
		if (found.isEmpty()) {
			return new Malformed("unknown key");
		}
		FaultKey key = found.get();
		FaultValue value = key.isRange() ? range(tokens) : probability(tokens);
		if (value == null) {
			return new Malformed("missing, extra or malformed number, or lo > hi");
		}
		if (!key.accepts(value)) {
			return new Malformed("out of range");
		}
		return new Set(key, value);
	}

	private static Probability probability(String[] tokens) {
		if (tokens.length != 2 || !isDecimal(tokens[1]) || !isAtMostOne(tokens[1])) {
			return null;
		}
		return new Probability(Double.parseDouble(tokens[1]));
	}

	private static Range range(String[] tokens) {
		if (tokens.length != 3) {
			return null;
		}
		int lo = wholeNumber(tokens[1]);
		int hi = wholeNumber(tokens[2]);
		if (lo < 0 || hi < 0 || lo > hi) {
			return null;
		}
		return new Range(lo, hi);
	}

	/**
	 * The body's tokens, split at single spaces, or null when there is no body or a token
	 * is empty or not printable ASCII. At most four are split off, one more than any
	 * valid request has.
	 */
	private static String[] tokens(byte[] line, int space) {
		if (space < 0) {
			return null;
		}
		String[] tokens = new String[4];
		int count = 0;
		int start = space + 1;
		while (true) {
			int end = indexOfSpace(line, start);
			if (end < 0) {
				end = line.length;
			}
			if (end == start || !isPrintableAscii(line, start, end)) {
				return null;
			}
			tokens[count++] = new String(line, start, end - start, StandardCharsets.US_ASCII);
			if (end == line.length) {
				break;
			}
			if (count == tokens.length) {
				return null;
			}
			start = end + 1;
		}
		String[] result = new String[count];
		System.arraycopy(tokens, 0, result, 0, count);
		return result;
	}

	/** {@code [0-9]*\.?[0-9]+}, the lab server's grammar, in ASCII. */
	private static boolean isDecimal(String token) {
		int dot = token.indexOf('.');
		if (dot != token.lastIndexOf('.') || dot == token.length() - 1) {
			return false;
		}
		for (int i = 0; i < token.length(); i++) {
			if (i != dot && !isDigit(token.charAt(i))) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Decided on the digits, not on the parsed double, which rounds
	 * {@code 1.0000000000000000001} to 1.
	 */
	private static boolean isAtMostOne(String decimal) {
		int dot = decimal.indexOf('.');
		String whole = withoutLeadingZeros((dot < 0) ? decimal : decimal.substring(0, dot));
		String fraction = (dot < 0) ? "" : decimal.substring(dot + 1);
		return whole.isEmpty() || (whole.equals("1") && fraction.chars().allMatch((c) -> c == '0'));
	}

	/** The value of ASCII digits, or -1 if not digits or above any limit of U5. */
	private static int wholeNumber(String token) {
		if (token.isEmpty() || !token.chars().allMatch(FaultCommandParser::isDigit)) {
			return -1;
		}
		String significant = withoutLeadingZeros(token);
		if (significant.isEmpty()) {
			return 0;
		}
		return (significant.length() > 9) ? -1 : Integer.parseInt(significant);
	}

	private static String withoutLeadingZeros(String digits) {
		int i = 0;
		while (i < digits.length() && digits.charAt(i) == '0') {
			i++;
		}
		return digits.substring(i);
	}

	private static boolean isDigit(int c) {
		return c >= '0' && c <= '9';
	}

	private static boolean isPrintableAscii(byte[] line, int from, int to) {
		for (int i = from; i < to; i++) {
			// bytes are signed: non-ASCII is negative
			if (line[i] <= ' ' || line[i] == 0x7F) {
				return false;
			}
		}
		return true;
	}

	private static boolean isHeader(byte[] line, int headerEnd, byte[] header) {
		return Arrays.equals(line, 0, headerEnd, header, 0, header.length);
	}

	private static int indexOfSpace(byte[] line, int from) {
		for (int i = from; i < line.length; i++) {
			if (line[i] == ' ') {
				return i;
			}
		}
		return -1;
	}

	private static byte[] ascii(String s) {
		return s.getBytes(StandardCharsets.US_ASCII);
	}

}
