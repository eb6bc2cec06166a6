package io.github.chatlab.server.startup;

import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.bind.validation.ValidationErrors;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.core.convert.ConversionFailedException;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

/**
 * Turns a failed start into the one line R2 asks for: the deepest cause that says what
 * went wrong, with a hint where the user can do something about it. An invalid setting is
 * named by its key and value ({@code chat.port=abc: not a whole number}), where Spring's
 * own messages say {@code Binding validation errors on chat} or
 * {@code For input string: "abc"}.
 */
public final class StartupFailure {

	private static final String PREFIX = "chat-server: cannot start: ";

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^:}]+)(:[^}]*)?}");

	private StartupFailure() {
	}

	/** The line {@code main} prints on standard error. */
	public static String line(Throwable failure) {
		return PREFIX + describe(failure);
	}

	public static String describe(Throwable failure) {
		Throwable deepest = failure;
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof PortInUseException portInUse) {
				return "the HTTP port " + portInUse.getPort() + " is already in use (server.port; "
						+ "--server.port=0 picks a free one)";
			}
			if (cause instanceof BindValidationException validation) {
				String described = describe(validation.getValidationErrors());
				if (described != null) {
					return described;
				}
			}
			if (cause instanceof BindException bind && bind.getProperty() != null) {
				return describe(bind.getProperty(), bind.getCause());
			}
			if (cause.getMessage() != null) {
				deepest = cause;
			}
		}
		return firstLine(deepest);
	}

	private static String describe(ValidationErrors errors) {
		for (ObjectError error : errors) {
			if (error instanceof FieldError field) {
				ConfigurationPropertyName name = errors.getName().append(toDashedForm(field.getField()));
				Object written = errors.getBoundProperties()
					.stream()
					.filter(property -> property.getName().equals(name))
					.map(ConfigurationProperty::getValue)
					.findFirst()
					.orElse(null);
				return setting(name, written, field.getRejectedValue()) + field.getDefaultMessage();
			}
		}
		return null;
	}

	private static String describe(ConfigurationProperty property, Throwable cause) {
		if (cause instanceof ConversionFailedException conversion) {
			return setting(property.getName(), property.getValue(), conversion.getValue())
					+ expected(conversion.getTargetType().getType(), conversion);
		}
		return setting(property.getName(), property.getValue(), null)
				+ ((cause != null) ? firstLine(deepest(cause)) : "invalid");
	}

	/**
	 * {@code key=value: } as the user wrote it: {@code application.yml} reads
	 * {@code chat.port} from {@code ${port:5378}}, so {@code --port abc} fails as
	 * {@code chat.port} with the value {@code ${port:5378}}, and is named
	 * {@code port=abc} instead.
	 * @param written the value as the property source holds it, if known
	 * @param resolved the value after placeholders were resolved, if known
	 */
	private static String setting(ConfigurationPropertyName name, Object written, Object resolved) {
		if (written instanceof CharSequence text) {
			Matcher placeholder = PLACEHOLDER.matcher(text);
			if (placeholder.matches() && resolved != null) {
				return placeholder.group(1) + "=" + resolved + ": ";
			}
			return name + "=" + text + ": ";
		}
		return name + "=" + ((written != null) ? written : resolved) + ": ";
	}

	/**
	 * What a value of the type looks like, which the converter's message does not say.
	 */
	private static String expected(Class<?> type, ConversionFailedException conversion) {
		if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
			return "not a whole number";
		}
		if (type == boolean.class || type == Boolean.class) {
			return "must be true or false";
		}
		if (type == java.time.Duration.class) {
			return "not a duration (examples: 500ms, 30s, 2m)";
		}
		if (type == org.springframework.util.unit.DataSize.class) {
			return "not a size (examples: 64KB, 1MB)";
		}
		if (type.isEnum()) {
			return "must be one of " + Arrays.stream(type.getEnumConstants())
				.map(constant -> ((Enum<?>) constant).name().toLowerCase(Locale.ROOT))
				.collect(Collectors.joining(", "));
		}
		Throwable cause = deepest(conversion);
		return "not a valid " + type.getSimpleName() + ((cause != conversion) ? " (" + firstLine(cause) + ")" : "");
	}

	/** {@code maxClients} to {@code max-clients}, {@code keepalive.count} unchanged. */
	private static String toDashedForm(String field) {
		StringBuilder dashed = new StringBuilder(field.length() + 4);
		for (char ch : field.toCharArray()) {
			if (Character.isUpperCase(ch)) {
				dashed.append('-').append(Character.toLowerCase(ch));
			}
			else {
				dashed.append(ch);
			}
		}
		return dashed.toString();
	}

	private static Throwable deepest(Throwable failure) {
		Throwable deepest = failure;
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause.getMessage() != null) {
				deepest = cause;
			}
		}
		return deepest;
	}

	private static String firstLine(Throwable failure) {
		String message = failure.getMessage();
		return ((message != null) ? message : failure.getClass().getSimpleName()).lines().findFirst().orElse("");
	}

}
