package io.github.chatlab.server.udp;

/**
 * The numbers of {@code SET} (U5) as the lab's server reads them. A probability is
 * {@code digits}, {@code digits.digits} or {@code .digits} ({@code 5}, {@code 0.05},
 * {@code .5}, {@code 00.5}); a sign, an exponent, {@code 5.}, {@code NaN} or non-ASCII
 * digits are malformed there and here, so a client that works here works on the lab's
 * host. Lengths are ASCII digits, leading zeros allowed.
 */
final class FaultNumbers {

	private FaultNumbers() {
	}

	/** {@code [0-9]*\.?[0-9]+}, the lab server's grammar, in ASCII. */
	static boolean isDecimal(String token) {
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
	static boolean isAtMostOne(String decimal) {
		int dot = decimal.indexOf('.');
		String whole = withoutLeadingZeros((dot < 0) ? decimal : decimal.substring(0, dot));
		String fraction = (dot < 0) ? "" : decimal.substring(dot + 1);
		return whole.isEmpty() || (whole.equals("1") && fraction.chars().allMatch((c) -> c == '0'));
	}

	/** The value of ASCII digits, or -1 if not digits or above any limit of U5. */
	static int wholeNumber(String token) {
		if (token.isEmpty() || !token.chars().allMatch(FaultNumbers::isDigit)) {
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

}
