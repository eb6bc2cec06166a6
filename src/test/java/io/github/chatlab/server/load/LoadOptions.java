package io.github.chatlab.server.load;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The tool's settings, from {@code --key=value} arguments; what each key means, and its
 * default, is declared in {@link Option}. Every key has a default, so {@code LoadTool}
 * with no arguments runs a short closed-loop throughput test against a server it starts
 * itself.
 */
final class LoadOptions {

	private final Map<Option<?>, String> texts;

	private final Map<Option<?>, Object> values = new LinkedHashMap<>();

	private LoadOptions(Map<Option<?>, String> texts) {
		this.texts = texts;
		texts.forEach((option, text) -> this.values.put(option, option.parse(text)));
	}

	/**
	 * Reads {@code --key=value} arguments (blank ones ignored) over the defaults.
	 * @throws IllegalArgumentException naming the key, for an unknown key or a bad value
	 */
	static LoadOptions parse(String... args) {
		Map<Option<?>, String> texts = new LinkedHashMap<>();
		for (Option<?> option : Option.all()) {
			texts.put(option, option.defaultText());
		}
		for (String arg : args) {
			if (arg.isBlank()) {
				continue;
			}
			int equals = arg.indexOf('=');
			if (!arg.startsWith("--") || equals < 0) {
				throw new IllegalArgumentException("expected --key=value, got '" + arg + "'; --help lists the keys");
			}
			texts.put(Option.named(arg.substring(2, equals)), arg.substring(equals + 1));
		}
		return new LoadOptions(texts);
	}

	@SuppressWarnings("unchecked")
	<T> T get(Option<T> option) {
		return (T) this.values.get(option);
	}

	/** The same options with some keys changed, e.g. {@code with("pairs", "100")}. */
	LoadOptions with(String... keyValues) {
		Map<Option<?>, String> changed = new LinkedHashMap<>(this.texts);
		for (int i = 0; i < keyValues.length; i += 2) {
			changed.put(Option.named(keyValues[i]), keyValues[i + 1]);
		}
		return new LoadOptions(changed);
	}

	/**
	 * A run's {@code params} for its {@code RESULT} line: {@code mode}, then the given
	 * options under their JSON names.
	 */
	Map<String, Object> params(String mode, Option<?>... options) {
		Map<String, Object> params = new LinkedHashMap<>();
		params.put("mode", mode);
		for (Option<?> option : options) {
			params.put(option.jsonName(), get(option));
		}
		return params;
	}

	/** What {@code --help} prints: every key with its default and meaning. */
	static String help() {
		StringBuilder out = new StringBuilder(
				"usage: ./mvnw -q -Pload exec:java -Dexec.args=\"--key=value ...\" (build first: "
						+ "./mvnw -q -B package -DskipTests)\n");
		for (Option<?> option : Option.all()) {
			String keyAndDefault = "--" + option.key() + "=" + option.defaultText();
			out.append(String.format("  %-30s %s%n", keyAndDefault, option.help()));
		}
		return out.toString();
	}

}
