package io.github.chatlab.server.settings;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.validation.Errors;

/**
 * The bounds of the {@code chat.*} settings, checked as Spring Boot binds them, in Bean
 * Validation's words ({@code must be greater than or equal to 1}), so that
 * {@code StartupFailure} names the key and the value as the user wrote it
 * ({@code chat.keepalive.count=0: must be greater than or equal to 1}, R2).
 * <p>
 * Why not Bean Validation's annotations: bootstrapping Hibernate Validator and reading
 * the constraints of the six settings records took about 300 ms of a 1.5 s start, all
 * before {@code Server is on} (Java 25, 2026-12-06, issue 21); these checks take well
 * under a millisecond. Spring Boot calls them through its documented hook, a
 * {@link Validator} bean named {@code configurationPropertiesValidator}, for every record
 * it binds, nested ones included, so a nested key is named in full. A record that
 * implements {@link Checked} lists its bounds in {@link Checked#check}; every bound that
 * fails is reported, the first of them by {@code StartupFailure}.
 */
public final class SettingChecks {

	private final Errors errors;

	SettingChecks(Errors errors) {
		this.errors = errors;
	}

	/** Settings that state their own bounds. */
	public interface Checked {

		/**
		 * States the bounds of this record's components, by their Java names
		 * ({@code maxClients}, which the message names {@code max-clients}).
		 */
		void check(SettingChecks checks);

	}

	/** Spring Boot's hook: applied to every bound object of a {@link Checked} type. */
	public static final class Validator implements org.springframework.validation.Validator {

		@Override
		public boolean supports(Class<?> type) {
			return Checked.class.isAssignableFrom(type);
		}

		@Override
		public void validate(Object target, Errors errors) {
			((Checked) target).check(new SettingChecks(errors));
		}

	}

	public SettingChecks notNull(String field, @Nullable Object value) {
		if (value == null) {
			reject(field, "NotNull", "must not be null");
		}
		return this;
	}

	public SettingChecks notBlank(String field, @Nullable String value) {
		if (value == null || value.isBlank()) {
			reject(field, "NotBlank", "must not be blank");
		}
		return this;
	}

	public SettingChecks atLeast(String field, long value, long min) {
		if (value < min) {
			reject(field, "Min", "must be greater than or equal to " + min);
		}
		return this;
	}

	public SettingChecks between(String field, long value, long min, long max) {
		atLeast(field, value, min);
		if (value > max) {
			reject(field, "Max", "must be less than or equal to " + max);
		}
		return this;
	}

	public SettingChecks between(String field, double value, double min, double max) {
		if (!(value >= min)) {
			reject(field, "DecimalMin", "must be greater than or equal to " + number(min));
		}
		else if (value > max) {
			reject(field, "DecimalMax", "must be less than or equal to " + number(max));
		}
		return this;
	}

	/** A duration that is given and at least {@code min}. */
	public SettingChecks atLeast(String field, @Nullable Duration value, Duration min) {
		notNull(field, value);
		if (value != null && value.compareTo(min) < 0) {
			reject(field, "DurationMin",
					min.isZero() ? "must not be negative" : "must be longer than or equal to " + words(min));
		}
		return this;
	}

	/** A duration that is given and between {@code min} and {@code max}. */
	public SettingChecks between(String field, @Nullable Duration value, Duration min, Duration max) {
		atLeast(field, value, min);
		if (value != null && value.compareTo(max) > 0) {
			reject(field, "DurationMax", "must be shorter than or equal to " + words(max));
		}
		return this;
	}

	private void reject(String field, String code, String message) {
		this.errors.rejectValue(field, code, message);
	}

	private static String number(double value) {
		return (value == Math.rint(value)) ? Long.toString((long) value) : Double.toString(value);
	}

	/**
	 * {@code 10 seconds}, {@code 1 milli}, {@code 1 hour 30 minutes}, as Hibernate
	 * Validator says them.
	 */
	static String words(Duration duration) {
		List<String> parts = new ArrayList<>(2);
		part(parts, duration.toDays(), "day");
		part(parts, duration.toHoursPart(), "hour");
		part(parts, duration.toMinutesPart(), "minute");
		part(parts, duration.toSecondsPart(), "second");
		part(parts, duration.toMillisPart(), "milli");
		part(parts, duration.toNanosPart() % 1_000_000, "nano");
		return parts.isEmpty() ? "0 seconds" : String.join(" ", parts);
	}

	private static void part(List<String> parts, long amount, String unit) {
		if (amount != 0) {
			parts.add(amount + " " + unit + ((amount == 1) ? "" : "s"));
		}
	}

}
