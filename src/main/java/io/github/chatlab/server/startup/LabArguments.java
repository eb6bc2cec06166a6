package io.github.chatlab.server.startup;

import java.util.ArrayList;
import java.util.List;

/**
 * The lab's tests start a server as {@code server.py --address "127.0.0.1" --port 5378};
 * Spring reads an option only as {@code --key=value}, so this joins each
 * {@code --key value} pair into that form (R1).
 */
public final class LabArguments {

	private LabArguments() {
	}

	public static String[] normalize(String[] args) {
		List<String> normalized = new ArrayList<>(args.length);
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			boolean bareOption = arg.startsWith("--") && arg.length() > 2 && !arg.contains("=");
			if (bareOption && i + 1 < args.length && !args[i + 1].startsWith("--")) {
				normalized.add(arg + "=" + args[++i]);
			}
			else {
				normalized.add(arg);
			}
		}
		return normalized.toArray(String[]::new);
	}

}
