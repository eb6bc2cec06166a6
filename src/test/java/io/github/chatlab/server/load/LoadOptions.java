package io.github.chatlab.server.load;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tool's settings, from {@code --key=value} arguments. Every key has a default, so
 * {@code LoadTool} with no arguments runs a short closed-loop throughput test against a
 * server it starts itself.
 *
 * @param mode throughput, rate, capacity, churn, launch or all (the reference workloads
 * in sequence)
 * @param target host:port of a running server (loopback only); null to start one
 * @param pairs sender/receiver pairs for throughput and rate
 * @param pairsList the pair counts {@code all} runs closed loop
 * @param window SENDs in flight per sender, closed loop
 * @param size message body bytes
 * @param seconds measured seconds of each timed run
 * @param warmup seconds before measuring starts
 * @param rate total offered messages/s in rate mode
 * @param maxInFlight unanswered SENDs per sender at which a paced sender waits
 * @param users clients in capacity mode
 * @param concurrency concurrent handshakes in capacity mode
 * @param flowRate messages/s among the capacity clients after they logged in, 0 for none
 * @param churnConcurrency clients cycling at once in churn mode
 * @param sources local source addresses 127.0.0.2.. to spread client sockets over; 0 lets
 * the kernel choose
 * @param drainSeconds how long to wait at the end for outstanding replies and deliveries
 * @param jar the server jar to launch
 * @param jvmArgs extra JVM arguments for the launched server, space separated
 * @param serverArgs extra application arguments for the launched server, space separated
 * @param maxClients chat.max-clients of the launched server, 0 for enough for the
 * workload
 * @param maxConnections chat.max-connections of the launched server, 0 for enough for the
 * workload
 * @param launchTimeout seconds to wait for {@code Server is on}
 * @param serverLog file to copy the launched server's output to, empty for none
 * @param stopUnderLoad capacity mode with a launched server: SIGTERM it while all users
 * are connected and time how long until every connection is closed and the process exits
 * (R3)
 */
record LoadOptions(String mode, String target, int pairs, List<Integer> pairsList, int window, int size, double seconds,
		double warmup, double rate, int maxInFlight, int users, int concurrency, double flowRate, int churnConcurrency,
		int sources, double drainSeconds, String jar, String jvmArgs, String serverArgs, int maxClients,
		int maxConnections, double launchTimeout, String serverLog, boolean stopUnderLoad) {

	static final Map<String, String> DEFAULTS = defaults();

	private static Map<String, String> defaults() {
		Map<String, String> map = new LinkedHashMap<>();
		map.put("mode", "throughput");
		map.put("target", "");
		map.put("pairs", "10");
		map.put("pairs-list", "1,10,100");
		map.put("window", "16");
		map.put("size", "100");
		map.put("seconds", "10");
		map.put("warmup", "2");
		map.put("rate", "35000");
		map.put("max-in-flight", "1000");
		map.put("users", "10000");
		map.put("concurrency", "32");
		map.put("flow-rate", "0");
		map.put("churn-concurrency", "16");
		map.put("sources", "8");
		map.put("drain-seconds", "10");
		map.put("jar", "target/chat-server.jar");
		map.put("jvm-args", "");
		map.put("server-args", "");
		map.put("max-clients", "0");
		map.put("max-connections", "0");
		map.put("launch-timeout", "60");
		map.put("server-log", "");
		map.put("stop-under-load", "false");
		return map;
	}

	static LoadOptions parse(String... args) {
		Map<String, String> values = new LinkedHashMap<>(DEFAULTS);
		for (String arg : args) {
			if (arg.isBlank()) {
				continue;
			}
			int equals = arg.indexOf('=');
			if (!arg.startsWith("--") || equals < 0) {
				throw new IllegalArgumentException(
						"expected --key=value, got '" + arg + "'; keys: " + DEFAULTS.keySet());
			}
			String key = arg.substring(2, equals);
			if (!values.containsKey(key)) {
				throw new IllegalArgumentException("unknown option --" + key + "; keys: " + DEFAULTS.keySet());
			}
			values.put(key, arg.substring(equals + 1));
		}
		try {
			return from(values);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("bad number: " + ex.getMessage(), ex);
		}
	}

	private static LoadOptions from(Map<String, String> v) {
		List<Integer> pairsList = new ArrayList<>();
		for (String part : v.get("pairs-list").split(",")) {
			if (!part.isBlank()) {
				pairsList.add(Integer.parseInt(part.trim()));
			}
		}
		String mode = v.get("mode");
		if (!Arrays.asList("throughput", "rate", "capacity", "churn", "launch", "all").contains(mode)) {
			throw new IllegalArgumentException("--mode must be throughput, rate, capacity, churn, launch or all");
		}
		String target = v.get("target").isBlank() ? null : v.get("target");
		return new LoadOptions(mode, target, positive(v, "pairs"), pairsList, positive(v, "window"),
				positive(v, "size"), Double.parseDouble(v.get("seconds")), Double.parseDouble(v.get("warmup")),
				Double.parseDouble(v.get("rate")), positive(v, "max-in-flight"), positive(v, "users"),
				positive(v, "concurrency"), Double.parseDouble(v.get("flow-rate")), positive(v, "churn-concurrency"),
				Integer.parseInt(v.get("sources")), Double.parseDouble(v.get("drain-seconds")), v.get("jar"),
				v.get("jvm-args"), v.get("server-args"), Integer.parseInt(v.get("max-clients")),
				Integer.parseInt(v.get("max-connections")), Double.parseDouble(v.get("launch-timeout")),
				v.get("server-log"), Boolean.parseBoolean(v.get("stop-under-load")));
	}

	private static int positive(Map<String, String> values, String key) {
		int value = Integer.parseInt(values.get(key));
		if (value <= 0) {
			throw new IllegalArgumentException("--" + key + " must be positive, was " + value);
		}
		return value;
	}

	/** The same options with some keys changed, e.g. {@code with("pairs", "100")}. */
	LoadOptions with(String... keyValues) {
		List<String> args = new ArrayList<>(asArguments());
		for (int i = 0; i < keyValues.length; i += 2) {
			args.add("--" + keyValues[i] + "=" + keyValues[i + 1]);
		}
		return parse(args.toArray(new String[0]));
	}

	private List<String> asArguments() {
		List<String> args = new ArrayList<>();
		args.add("--mode=" + this.mode);
		args.add("--target=" + (this.target == null ? "" : this.target));
		args.add("--pairs=" + this.pairs);
		args.add("--pairs-list=" + String.join(",", this.pairsList.stream().map(String::valueOf).toList()));
		args.add("--window=" + this.window);
		args.add("--size=" + this.size);
		args.add("--seconds=" + this.seconds);
		args.add("--warmup=" + this.warmup);
		args.add("--rate=" + this.rate);
		args.add("--max-in-flight=" + this.maxInFlight);
		args.add("--users=" + this.users);
		args.add("--concurrency=" + this.concurrency);
		args.add("--flow-rate=" + this.flowRate);
		args.add("--churn-concurrency=" + this.churnConcurrency);
		args.add("--sources=" + this.sources);
		args.add("--drain-seconds=" + this.drainSeconds);
		args.add("--jar=" + this.jar);
		args.add("--jvm-args=" + this.jvmArgs);
		args.add("--server-args=" + this.serverArgs);
		args.add("--max-clients=" + this.maxClients);
		args.add("--max-connections=" + this.maxConnections);
		args.add("--launch-timeout=" + this.launchTimeout);
		args.add("--server-log=" + this.serverLog);
		args.add("--stop-under-load=" + this.stopUnderLoad);
		return args;
	}

}
