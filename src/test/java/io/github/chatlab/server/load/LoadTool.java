package io.github.chatlab.server.load;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The chat server's load generator: closed-loop throughput, fixed-rate latency, capacity
 * and churn, against a running server ({@code --target=host:port}, loopback only) or one
 * it starts itself from the jar. Prints a table and one {@code RESULT {json}} line per
 * run; fails (exit 1) when a run lost, duplicated or reordered messages. See
 * {@link LoadOptions} for every {@code --key=value}.
 *
 * <pre>
 * ./mvnw -q -B package -DskipTests
 * ./mvnw -q -Pload exec:java -Dexec.args="--mode=all --seconds=5"
 * </pre>
 */
public final class LoadTool {

	private LoadTool() {
	}

	public static void main(String[] args) {
		LoadOptions options;
		try {
			options = LoadOptions.parse(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println("load: " + ex.getMessage());
			throw ex;
		}
		List<RunResult> results = run(options);
		System.out.println();
		Report.table(results, System.out);
		System.out.println();
		for (RunResult result : results) {
			System.out.println("RESULT " + Report.json(result));
		}
		System.out.flush();
		for (RunResult result : results) {
			if (!result.integrity().ok()) {
				throw new IllegalStateException("integrity failure in " + result.name() + ": " + result.integrity());
			}
		}
	}

	/**
	 * Runs {@code options.mode()} against its target, or against a server started for the
	 * purpose.
	 */
	static List<RunResult> run(LoadOptions options) {
		if (options.target() != null) {
			return runMode(options.mode(), parseTarget(options.target()), options, null);
		}
		List<RunResult> results = new ArrayList<>();
		int clients = clientsNeeded(options);
		int maxClients = options.maxClients() > 0 ? options.maxClients() : clients;
		int maxConnections = options.maxConnections() > 0 ? options.maxConnections() : clients + 64;
		System.out.println("load: starting " + options.jar() + " (max-clients " + maxClients + ", max-connections "
				+ maxConnections + ")");
		ServerProcess server = ServerProcess.launch(options, maxClients, maxConnections);
		Map<String, Object> launchMetrics = new LinkedHashMap<>();
		launchMetrics.put("launch_ms", server.launchNanos() / 1e6);
		System.out.printf("load: server on %s after %.0f ms%n", server.address(), server.launchNanos() / 1e6);
		try {
			if (!options.mode().equals("launch")) {
				results.addAll(runMode(options.mode(), server.address(), options, server));
			}
		}
		finally {
			server.close();
		}
		List<String> notes = new ArrayList<>();
		boolean stoppedByRun = options.stopUnderLoad() && options.mode().equals("capacity");
		if (!stoppedByRun) {
			if (server.stopNanos() < 0) {
				notes.add("server did not exit within 10 s of SIGTERM; killed");
			}
			else {
				launchMetrics.put("stop_ms", server.stopNanos() / 1e6);
				if (server.stopNanos() > 5_000_000_000L) {
					notes.add(String.format(Locale.ROOT, "server took %.1f s to exit after SIGTERM (R3: within 5 s)",
							server.stopNanos() / 1e9));
				}
				if (server.exitCode() != 0) {
					notes.add("server exited with status " + server.exitCode() + " after SIGTERM");
				}
			}
			launchMetrics.put("exit_code", server.exitCode());
		}
		Map<String, Object> params = new LinkedHashMap<>();
		params.put("mode", "launch");
		params.put("jar", options.jar());
		results.add(0, new RunResult("launch", params, launchMetrics, Collections.emptyMap(), Integrity.none(), notes));
		return results;
	}

	/**
	 * Runs one mode (or all of them) against a server already listening at
	 * {@code target}.
	 */
	static List<RunResult> runMode(String mode, InetSocketAddress target, LoadOptions options) {
		return runMode(mode, target, options, null);
	}

	private static List<RunResult> runMode(String mode, InetSocketAddress target, LoadOptions options,
			ServerProcess server) {
		List<RunResult> results = new ArrayList<>();
		switch (mode) {
			case "throughput":
				results.add(once(target, options, server, context -> PairsRun.throughput(context, options.pairs())));
				break;
			case "rate":
				results.add(once(target, options, server,
						context -> PairsRun.rate(context, options.pairs(), options.rate())));
				break;
			case "capacity":
				results.add(once(target, options, server, CapacityRun::run));
				break;
			case "churn":
				results.add(once(target, options, server, ChurnRun::run));
				break;
			case "all":
				for (int pairs : options.pairsList()) {
					results.add(once(target, options, server, context -> PairsRun.throughput(context, pairs)));
				}
				results.add(once(target, options, server,
						context -> PairsRun.rate(context, options.pairs(), options.rate())));
				results.add(once(target, options, server, CapacityRun::run));
				results.add(once(target, options, server, ChurnRun::run));
				break;
			case "launch":
				break;
			default:
				throw new IllegalArgumentException("unknown mode " + mode);
		}
		return results;
	}

	private static RunResult once(InetSocketAddress target, LoadOptions options, ServerProcess server,
			Workload workload) {
		try (RunContext context = RunContext.open(target, options, server)) {
			int baseline = Settle.usersOnline(context);
			RunResult result = workload.run(context);
			if (baseline >= 0 && (server == null || server.alive())) {
				long settled = Settle.awaitAtMost(context, baseline, Duration.ofSeconds(30));
				if (settled >= 0) {
					result.metrics().put("users_gone_ms", settled / 1e6);
				}
				else {
					result.notes().add("the run's users were still listed 30 s after they disconnected");
				}
			}
			System.out
				.println("load: " + result.name() + " done" + (result.integrity().ok() ? "" : " - INTEGRITY FAILURE"));
			return result;
		}
	}

	private static int clientsNeeded(LoadOptions options) {
		int pairs = options.pairs();
		for (int p : options.pairsList()) {
			pairs = Math.max(pairs, p);
		}
		int clients;
		switch (options.mode()) {
			case "capacity":
				clients = options.users();
				break;
			case "churn":
				clients = options.churnConcurrency() + 1;
				break;
			case "all":
				clients = Math.max(options.users(), 2 * pairs);
				break;
			default:
				clients = 2 * pairs;
		}
		return Math.max(clients, options.churnConcurrency() + 1) + 64;
	}

	static InetSocketAddress parseTarget(String target) {
		int colon = target.lastIndexOf(':');
		if (colon < 0) {
			throw new IllegalArgumentException("--target must be host:port, was " + target);
		}
		String host = target.substring(0, colon);
		if (host.startsWith("[") && host.endsWith("]")) {
			host = host.substring(1, host.length() - 1);
		}
		InetAddress address;
		try {
			address = InetAddress.getByName(host);
		}
		catch (UnknownHostException ex) {
			throw new IllegalArgumentException("unknown host " + host, ex);
		}
		if (!address.isLoopbackAddress()) {
			throw new IllegalArgumentException("the load tool only targets loopback (127.0.0.0/8, ::1), not " + host);
		}
		return new InetSocketAddress(address, Integer.parseInt(target.substring(colon + 1)));
	}

	/** One workload, run on a fresh event loop. */
	interface Workload {

		RunResult run(RunContext context);

	}

}
