package io.github.chatlab.server.startup;

import java.util.ArrayList;
import java.util.List;

/**
 * The lab's tests start a server as {@code server.py --address "127.0.0.1" --port 5378};
 * Spring reads an option only as {@code --key=value}, so this joins each
 * {@code --key value} pair into that form (R1). {@code --trace} is short for
 * {@code --chat.trace.console=true} (O8): a student's own server prints its trace on
 * standard error (Spring Boot would otherwise read it as its own {@code trace} flag,
 * which logs the framework's internals).
 */
public final class LabArguments {

	private LabArguments() {
	}

	static final String TRACE = "--trace";

	static final String TRACE_SETTING = "--chat.trace.console";

	public static String[] normalize(String[] args) {
		List<String> normalized = new ArrayList<>(args.length);
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			if (arg.equals(TRACE)) {
				normalized.add(TRACE_SETTING + "=true");
				continue;
			}
			if (arg.startsWith(TRACE + "=")) {
				normalized.add(TRACE_SETTING + arg.substring(TRACE.length()));
				continue;
			}
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
