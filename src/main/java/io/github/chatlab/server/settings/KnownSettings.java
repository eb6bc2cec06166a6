package io.github.chatlab.server.settings;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * The setting names under one prefix that some {@code @ConfigurationProperties} class
 * accepts, read from the configuration metadata that
 * {@code spring-boot-configuration-processor} writes at compile time
 * ({@code META-INF/spring-configuration-metadata.json}). Reading the metadata
 * ({@link Metadata}) rather than the records means a new properties class under the
 * prefix, or a new component of one, is known without touching this class.
 */
final class KnownSettings {

	static final String METADATA = "META-INF/spring-configuration-metadata.json";

	private final Set<String> names;

	private final Set<String> openEnded;

	KnownSettings(Set<String> names, Set<String> openEnded) {
		this.names = names;
		this.openEnded = openEnded;
	}

	/**
	 * The settings under {@code prefix} that the metadata of this application's own jar
	 * (or classes folder) lists: one small file, where reading every jar's metadata (half
	 * a megabyte, most of it the framework's) costs a measurable part of the start-up.
	 * @param prefix the prefix, without its trailing dot
	 */
	static KnownSettings ownJar(String prefix) {
		String self = KnownSettings.class.getSimpleName() + ".class";
		URL classFile = KnownSettings.class.getResource(self);
		String root = String.valueOf(classFile);
		String classPath = KnownSettings.class.getName().replace('.', '/') + ".class";
		if (classFile == null || !root.endsWith(classPath)) {
			return new KnownSettings(Set.of(), Set.of());
		}
		try {
			return Metadata.read(List.of(new URL(root.substring(0, root.length() - classPath.length()) + METADATA)),
					prefix);
		}
		catch (IOException ex) {
			// no metadata in this jar
			return new KnownSettings(Set.of(), Set.of());
		}
	}

	/**
	 * The settings under {@code prefix} that any metadata on the class path lists.
	 * @param prefix the prefix, without its trailing dot
	 */
	static KnownSettings all(ClassLoader classLoader, String prefix) {
		try {
			return Metadata.read(Collections.list(classLoader.getResources(METADATA)), prefix);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read " + METADATA, ex);
		}
	}

	/** Whether nothing under the prefix is known, as when the metadata is missing. */
	boolean isEmpty() {
		return this.names.isEmpty();
	}

	/** The names as the metadata spells them (kebab case). */
	Set<String> names() {
		return this.names;
	}

	/**
	 * Whether a name from a properties file, an argument or a system property is one of
	 * these settings, in any of its relaxed forms ({@code max-clients},
	 * {@code maxClients}, {@code max_clients}), or an entry of a map or list setting.
	 */
	boolean accepts(String name) {
		String relaxed = relaxed(name);
		for (String known : this.names) {
			String candidate = relaxed(known);
			if (candidate.equals(relaxed) || (this.openEnded.contains(known)
					&& (relaxed.startsWith(candidate + ".") || relaxed.startsWith(candidate + "[")))) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Whether an environment variable ({@code CHAT_MAX_CLIENTS} or
	 * {@code CHAT_MAXCLIENTS}) sets one of these settings.
	 */
	boolean acceptsEnvironmentVariable(String variable) {
		String upper = variable.toUpperCase(Locale.ROOT);
		for (String known : this.names) {
			for (String form : environmentForms(known)) {
				if (form.equals(upper) || (this.openEnded.contains(known) && upper.startsWith(form + "_"))) {
					return true;
				}
			}
		}
		return false;
	}

	/**
	 * The known setting closest to a misspelt one, if it is close enough to be what was
	 * meant.
	 * @param environmentVariable whether to answer in the form of an environment variable
	 */
	String closest(String name, boolean environmentVariable) {
		String wanted = environmentVariable ? name.toUpperCase(Locale.ROOT) : relaxed(name);
		String best = null;
		int bestDistance = Integer.MAX_VALUE;
		for (String known : this.names) {
			String form = environmentVariable ? environmentForms(known).get(0) : relaxed(known);
			int distance = distance(wanted, form);
			if (distance < bestDistance) {
				bestDistance = distance;
				best = environmentVariable ? form : known;
			}
		}
		return (best != null && bestDistance <= Math.max(2, wanted.length() / 5)) ? best : null;
	}

	private static String relaxed(String name) {
		return name.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
	}

	/**
	 * {@code chat.max-clients}: {@code CHAT_MAX_CLIENTS}, then {@code CHAT_MAXCLIENTS}.
	 */
	private static List<String> environmentForms(String name) {
		String upper = name.toUpperCase(Locale.ROOT).replace('.', '_');
		List<String> forms = new ArrayList<>(2);
		forms.add(upper.replace('-', '_'));
		forms.add(upper.replace("-", ""));
		return forms;
	}

	private static int distance(String a, String b) {
		int[] previous = new int[b.length() + 1];
		int[] current = new int[b.length() + 1];
		for (int j = 0; j <= b.length(); j++) {
			previous[j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			current[0] = i;
			for (int j = 1; j <= b.length(); j++) {
				int substitution = previous[j - 1] + ((a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1);
				current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
			}
			int[] swap = previous;
			previous = current;
			current = swap;
		}
		return previous[b.length()];
	}

	/**
	 * Reads the {@link KnownSettings} under one prefix out of configuration metadata
	 * files ({@value #METADATA}): each setting's name, and whether it is a map, list, set
	 * or array whose entries are open-ended, so that an unknown setting is one named line
	 * (R2) without binding anything.
	 */
	private static final class Metadata {

		/** A streaming parser: no object mapper to set up during start-up. */
		private static final JsonFactory JSON = new JsonFactory();

		private Metadata() {
		}

		static KnownSettings read(List<URL> resources, String prefix) throws IOException {
			Set<String> names = new LinkedHashSet<>();
			Set<String> openEnded = new LinkedHashSet<>();
			String quotedPrefix = "\"" + prefix + ".";
			for (URL resource : resources) {
				String json = read(resource);
				// the framework's own metadata is most of what is on the class path:
				// parse
				// only the files that can hold a setting of ours
				if (json.contains(quotedPrefix)) {
					collect(json, prefix + ".", names, openEnded);
				}
			}
			return new KnownSettings(Collections.unmodifiableSet(names), Collections.unmodifiableSet(openEnded));
		}

		private static void collect(String json, String prefix, Set<String> names, Set<String> openEnded) {
			try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), json)) {
				if (parser.nextToken() != JsonToken.START_OBJECT) {
					return;
				}
				while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
					String section = parser.currentName();
					if (parser.nextToken() == JsonToken.START_ARRAY && section.equals("properties")) {
						while (parser.nextToken() == JsonToken.START_OBJECT) {
							collect(parser, prefix, names, openEnded);
						}
					}
					else {
						parser.skipChildren();
					}
				}
			}
		}

		private static void collect(JsonParser parser, String prefix, Set<String> names, Set<String> openEnded) {
			String name = null;
			String type = "";
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String key = parser.currentName();
				if (parser.nextToken() == JsonToken.VALUE_STRING && key.equals("name")) {
					name = parser.getString();
				}
				else if (parser.currentToken() == JsonToken.VALUE_STRING && key.equals("type")) {
					type = parser.getString();
				}
				else {
					parser.skipChildren();
				}
			}
			if (name != null && name.startsWith(prefix)) {
				names.add(name);
				if (type.startsWith("java.util.Map") || type.startsWith("java.util.List")
						|| type.startsWith("java.util.Set") || type.endsWith("[]")) {
					openEnded.add(name);
				}
			}
		}

		private static String read(URL url) throws IOException {
			try (InputStream in = url.openStream()) {
				return new String(in.readAllBytes(), StandardCharsets.UTF_8);
			}
		}

	}

}
