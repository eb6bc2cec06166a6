package io.github.chatlab.server.console.bans;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * A ban's expiry as the API takes it (O4, O9): {@code 90s}, {@code 30m}, {@code 2h},
 * {@code 7d}, or {@code permanent}; nothing means the default.
 */
final class Expiry {

	static final String PERMANENT = "permanent";

	/** Ten years: enough for any course, and far from overflowing an instant. */
	private static final Duration LONGEST = Duration.ofDays(3650);

	private static final Pattern AMOUNT = Pattern.compile("([0-9]{1,9})([smhd])");

	private Expiry() {
	}

	/**
	 * @return how long the ban lasts, null for a permanent one
	 * @throws IllegalArgumentException saying what an expiry looks like
	 */
	static @Nullable Duration parse(@Nullable String text, Duration defaultExpiry) {
		if (text == null || text.isBlank()) {
			return defaultExpiry;
		}
		String trimmed = text.strip();
		if (trimmed.equals(PERMANENT)) {
			return null;
		}
		Matcher matcher = AMOUNT.matcher(trimmed);
		if (!matcher.matches()) {
			throw new IllegalArgumentException("expires must be an amount with a unit (90s, 30m, 2h, 7d) or "
					+ "\"permanent\", not " + Ban.quoted(text));
		}
		long amount = Long.parseLong(matcher.group(1));
		Duration duration = switch (matcher.group(2)) {
			case "s" -> Duration.ofSeconds(amount);
			case "m" -> Duration.ofMinutes(amount);
			case "h" -> Duration.ofHours(amount);
			default -> Duration.ofDays(amount);
		};
		if (duration.isZero() || duration.compareTo(LONGEST) > 0) {
			throw new IllegalArgumentException(
					"expires must be more than 0 and at most 3650d (or \"permanent\"), not " + Ban.quoted(text));
		}
		return duration;
	}

}
