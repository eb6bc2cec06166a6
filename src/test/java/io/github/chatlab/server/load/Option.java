package io.github.chatlab.server.load;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * One {@code --key=value} setting of the load tool. Every setting is declared once, here,
 * with its default, its help line and how its text is read: {@link LoadOptions} parsing,
 * {@code --help} and the {@code params} of each {@code RESULT} line all come from these
 * declarations.
 *
 * @param <T> the type of the value
 */
final class Option<T> {

	private static final List<Option<?>> ALL = new ArrayList<>();

	static final Option<String> MODE = new Option<>("mode", "throughput",
			"throughput, rate, capacity, churn, connections (capacity then churn), launch, or all (the reference workloads in sequence)",
			oneOf("throughput", "rate", "capacity", "churn", "connections", "launch", "all"));

	static final Option<InetSocketAddress> TARGET = new Option<>("target", "",
			"host:port of a running server (loopback only); empty: start --jar on a free port",
			text -> text.isBlank() ? null : LoadTool.parseTarget(text));

	static final Option<Integer> PAIRS = new Option<>("pairs", "10",
			"sender/receiver pairs for throughput and rate (2 users each)", Option::positive);

	static final Option<List<Integer>> PAIRS_LIST = new Option<>("pairs-list", "1,10,100",
			"the pair counts that mode all runs closed loop", Option::positives);

	static final Option<Integer> WINDOW = new Option<>("window", "16", "SENDs in flight per sender, closed loop",
			Option::positive);

	static final Option<Integer> SIZE = new Option<>("size", "100", "message body bytes", Option::positive);

	static final Option<Double> SECONDS = new Option<>("seconds", "10", "measured seconds of each timed run",
			Option::number);

	static final Option<Double> WARMUP = new Option<>("warmup", "2", "seconds of traffic before measuring starts",
			Option::number);

	static final Option<Double> RATE = new Option<>("rate", "35000", "total offered messages/s in rate mode",
			Option::number);

	static final Option<Integer> MAX_IN_FLIGHT = new Option<>("max-in-flight", "1000",
			"unanswered SENDs per sender at which a paced sender waits", Option::positive);

	static final Option<Integer> USERS = new Option<>("users", "10000", "clients in capacity mode", Option::positive);

	static final Option<Integer> CONCURRENCY = new Option<>("concurrency", "32",
			"handshakes (connect + HELLO-FROM) at a time while a run's clients log in", Option::positive);

	static final Option<Double> FLOW_RATE = new Option<>("flow-rate", "0",
			"messages/s among the capacity clients once they are logged in, 0 for none", Option::number);

	static final Option<Integer> CHURN_CONCURRENCY = new Option<>("churn-concurrency", "16",
			"clients cycling at once in churn mode", Option::positive);

	static final Option<Integer> SOURCES = new Option<>("sources", "8",
			"source addresses 127.0.0.2... to spread client sockets over; 0 lets the kernel choose",
			Option::notNegative);

	static final Option<Double> DRAIN_SECONDS = new Option<>("drain-seconds", "10",
			"how long to wait at the end for outstanding replies and deliveries", Option::number);

	static final Option<String> JAR = new Option<>("jar", "target/chat-server.jar", "the server jar to launch",
			text -> text);

	static final Option<String> JVM_ARGS = new Option<>("jvm-args", "",
			"extra JVM arguments for the launched server, space separated", text -> text);

	static final Option<String> SERVER_ARGS = new Option<>("server-args", "",
			"extra application arguments for the launched server, space separated", text -> text);

	static final Option<Integer> MAX_CLIENTS = new Option<>("max-clients", "0",
			"chat.max-clients of the launched server, 0 for enough for the workload", Option::notNegative);

	static final Option<Integer> MAX_CONNECTIONS = new Option<>("max-connections", "0",
			"chat.max-connections of the launched server, 0 for enough for the workload", Option::notNegative);

	static final Option<Double> LAUNCH_TIMEOUT = new Option<>("launch-timeout", "60",
			"seconds to wait for the launched server's 'Server is on'", Option::number);

	static final Option<String> SERVER_LOG = new Option<>("server-log", "",
			"file to copy the launched server's output to, empty for none", text -> text);

	static final Option<Boolean> STOP_UNDER_LOAD = new Option<>("stop-under-load", "false",
			"capacity with a launched server: SIGTERM it with every user connected and time until all "
					+ "connections are closed and the process has exited (R3)",
			Option::flag);

	private final String key;

	private final String defaultText;

	private final String help;

	private final Function<String, T> parser;

	private Option(String key, String defaultText, String help, Function<String, T> parser) {
		this.key = key;
		this.defaultText = defaultText;
		this.help = help;
		this.parser = parser;
		ALL.add(this);
	}

	/** Every option, in the order declared (the order of {@code --help}). */
	static List<Option<?>> all() {
		return Collections.unmodifiableList(ALL);
	}

	static Option<?> named(String key) {
		for (Option<?> option : ALL) {
			if (option.key.equals(key)) {
				return option;
			}
		}
		throw new IllegalArgumentException("unknown option --" + key + "; --help lists them");
	}

	String key() {
		return this.key;
	}

	String defaultText() {
		return this.defaultText;
	}

	String help() {
		return this.help;
	}

	/** Its name in a {@code RESULT} line's {@code params}. */
	String jsonName() {
		return this.key.replace('-', '_');
	}

	T parse(String text) {
		try {
			return this.parser.apply(text.trim());
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("--" + this.key + " wants a number, got '" + text + "'", ex);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("--" + this.key + ": " + ex.getMessage(), ex);
		}
	}

	private static Function<String, String> oneOf(String... choices) {
		return text -> {
			if (!Arrays.asList(choices).contains(text)) {
				throw new IllegalArgumentException("must be one of " + String.join(", ", choices) + ", was " + text);
			}
			return text;
		};
	}

	private static Integer positive(String text) {
		int value = Integer.parseInt(text);
		if (value <= 0) {
			throw new IllegalArgumentException("must be positive, was " + value);
		}
		return value;
	}

	private static Integer notNegative(String text) {
		int value = Integer.parseInt(text);
		if (value < 0) {
			throw new IllegalArgumentException("must be 0 or more, was " + value);
		}
		return value;
	}

	private static List<Integer> positives(String text) {
		List<Integer> values = new ArrayList<>();
		for (String part : text.split(",")) {
			if (!part.isBlank()) {
				values.add(positive(part.trim()));
			}
		}
		return Collections.unmodifiableList(values);
	}

	/** Seconds and rates: any finite number, not negative. */
	private static Double number(String text) {
		double value = Double.parseDouble(text);
		if (!(value >= 0) || Double.isInfinite(value)) {
			throw new IllegalArgumentException("must be a finite number, 0 or more, was " + text);
		}
		return value;
	}

	private static Boolean flag(String text) {
		String value = text.toLowerCase(Locale.ROOT);
		if (!value.equals("true") && !value.equals("false")) {
			throw new IllegalArgumentException("must be true or false, was " + text);
		}
		return Boolean.valueOf(value);
	}

}
