package io.github.chatlab.server.settings;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.OriginLookup;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.CommandLinePropertySource;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Stops start-up when a {@code chat.*} setting names no known setting: Spring binds only
 * the keys it knows and ignores the rest, so {@code --chat.max-clinets=5} would otherwise
 * start a server with 16 slots and not a word about it. Checks every source of settings
 * (arguments, system properties, environment variables, {@code application*.yml}) once
 * the configuration files are loaded, against the names in the configuration metadata
 * ({@link KnownSettings}).
 * <p>
 * Spring Boot's own {@code @ConfigurationProperties(ignoreUnknownFields = false)} does
 * not do this here: on {@code ChatProperties} it would refuse every {@code chat.udp.*}
 * and {@code chat.bots.*} setting (other classes bind them), it never checks environment
 * variables or system properties, and its failure names no setting that was meant.
 * <p>
 * Environment variables named {@code CHAT_SERVER_*} belong to the launcher
 * ({@code lab/server.py}) and are not checked.
 */
public final class UnknownSettings implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

	private static final String PREFIX = "chat";

	private static final String LAUNCHER_VARIABLES = "CHAT_SERVER_";

	@Override
	public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
		check(event.getEnvironment(), event.getSpringApplication().getClassLoader());
	}

	/**
	 * Runs after the configuration files are loaded (that happens at
	 * {@code HIGHEST_PRECEDENCE + 10}).
	 */
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	static void check(ConfigurableEnvironment environment, ClassLoader classLoader) {
		List<Setting> settings = settings(environment);
		if (settings.isEmpty()) {
			return;
		}
		KnownSettings known = KnownSettings.ownJar(PREFIX);
		if (!settings.stream().allMatch((setting) -> setting.isKnownBy(known))) {
			// a setting of a properties class in another jar, or a misspelt one: only
			// then is every jar's metadata worth reading
			check(settings, KnownSettings.all(classLoader, PREFIX));
		}
	}

	private static void check(List<Setting> settings, KnownSettings known) {
		if (known.isEmpty()) {
			// no metadata (a build without the configuration processor)
			return;
		}
		List<String> unknown = new ArrayList<>();
		for (Setting setting : settings) {
			if (!setting.isKnownBy(known)) {
				unknown.add(setting.describe(known));
			}
		}
		if (!unknown.isEmpty()) {
			Collections.sort(unknown);
			throw new UnknownSettingException(
					((unknown.size() == 1) ? "unknown setting " : "unknown settings ") + String.join(", ", unknown));
		}
	}

	/** Every {@code chat.*} name in the environment, with where it comes from. */
	private static List<Setting> settings(ConfigurableEnvironment environment) {
		List<Setting> settings = new ArrayList<>();
		for (PropertySource<?> source : environment.getPropertySources()) {
			if (!(source instanceof EnumerablePropertySource<?> enumerable)
					|| ConfigurationPropertySources.isAttachedConfigurationPropertySource(source)) {
				continue;
			}
			boolean fromEnvironment = source instanceof SystemEnvironmentPropertySource;
			for (String name : enumerable.getPropertyNames()) {
				boolean environmentVariable = fromEnvironment && name.indexOf('.') < 0;
				if (isOurs(name, environmentVariable)) {
					settings.add(new Setting(name, source, environmentVariable));
				}
			}
		}
		return settings;
	}

	private static boolean isOurs(String name, boolean environmentVariable) {
		if (environmentVariable) {
			String upper = name.toUpperCase(Locale.ROOT);
			return upper.startsWith(PREFIX.toUpperCase(Locale.ROOT) + "_") && !upper.startsWith(LAUNCHER_VARIABLES);
		}
		return name.toLowerCase(Locale.ROOT).startsWith(PREFIX + ".") || name.equalsIgnoreCase(PREFIX);
	}

	private record Setting(String name, PropertySource<?> source, boolean environmentVariable) {

		boolean isKnownBy(KnownSettings known) {
			return this.environmentVariable ? known.acceptsEnvironmentVariable(this.name) : known.accepts(this.name);
		}

		String describe(KnownSettings known) {
			StringBuilder text = new StringBuilder(this.name).append(" (").append(where());
			String closest = known.closest(this.name, this.environmentVariable);
			if (closest != null) {
				text.append(", did you mean ").append(closest).append('?');
			}
			return text.append(')').toString();
		}

		private String where() {
			if (this.source instanceof CommandLinePropertySource) {
				return "command line";
			}
			if (this.source instanceof SystemEnvironmentPropertySource) {
				return "environment variable";
			}
			Origin origin = OriginLookup.getOrigin(this.source, this.name);
			return (origin != null) ? origin.toString() : this.source.getName();
		}

	}

	/** A {@code chat.*} setting that nothing reads. */
	static final class UnknownSettingException extends IllegalStateException {

		UnknownSettingException(String message) {
			super(message);
		}

	}

}
