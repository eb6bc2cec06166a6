package io.github.chatlab.server.startup;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Reads the {@link KnownSettings} under one prefix out of configuration metadata files
 * ({@value KnownSettings#METADATA}): each setting's name, and whether it is a map, list,
 * set or array whose entries are open-ended, so that an unknown setting is one named line
 * (R2) without binding anything.
 */
final class SettingsMetadata {

	/** A streaming parser: no object mapper to set up during start-up. */
	private static final JsonFactory JSON = new JsonFactory();

	private SettingsMetadata() {
	}

	static KnownSettings read(List<URL> resources, String prefix) throws IOException {
		Set<String> names = new LinkedHashSet<>();
		Set<String> openEnded = new LinkedHashSet<>();
		String quotedPrefix = "\"" + prefix + ".";
		for (URL resource : resources) {
			String json = read(resource);
			// the framework's own metadata is most of what is on the class path: parse
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
