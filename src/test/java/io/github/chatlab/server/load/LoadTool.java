package io.github.chatlab.server.load;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The chat server's load generator: closed-loop throughput, fixed-rate latency, capacity
 * and churn, against a running server ({@code --target=host:port}, loopback only) or one
 * it starts itself from the jar. Prints a table and one {@code RESULT {json}} line per
 * run. Exits with status 1 and one line on standard error when a run lost, duplicated or
 * reordered messages, or cannot go on (e.g. the server answered a login {@code BUSY}).
 * {@code --help} lists every {@code --key=value} (declared in {@link Option}).
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
		if (Arrays.asList(args).contains("--help")) {
			System.out.print(LoadOptions.help());
			return;
		}
		LoadOptions options;
		try {
			options = LoadOptions.parse(args);
		}
		catch (IllegalArgumentException ex) {
			exit(ex.getMessage());
			return;
		}
		try {
			List<RunResult> results = run(options);
			System.out.println();
			Report.table(results, System.out);
			System.out.println();
			for (RunResult result : results) {
				System.out.println("RESULT " + Report.json(result));
			}
			for (RunResult result : results) {
				if (!result.integrity().ok()) {
					throw new LoadFailure("integrity failure in " + result.name() + ": " + result.integrity());
				}
			}
		}
		catch (LoadFailure ex) {
			exit(ex.getMessage());
		}
	}

	/**
	 * Ends the process, Maven's too under {@code exec:java}: one line says why, and no
	 * Maven error block or stack trace buries it.
	 */
	private static void exit(String message) {
		System.out.flush();
		System.err.println("load: " + message);
		System.exit(1);
	}

	/**
	 * Runs {@code --mode} against {@code --target}, or against a server started for the
	 * purpose and sized for the workload.
	 */
	static List<RunResult> run(LoadOptions options) {
		List<Step> plan = plan(options.get(Option.MODE), options);
		int users = plan.stream().mapToInt(Step::users).max().orElse(0);
		InetSocketAddress target = options.get(Option.TARGET);
		if (target != null) {
			requireListening(target);
			System.out.println("load: target " + hostPort(target) + ", up to " + users + " users logged in at once");
			return runAll(plan, target, null);
		}
		List<RunResult> results = new ArrayList<>();
		int maxClients = (options.get(Option.MAX_CLIENTS) > 0) ? options.get(Option.MAX_CLIENTS) : users + 64;
		int maxConnections = (options.get(Option.MAX_CONNECTIONS) > 0) ? options.get(Option.MAX_CONNECTIONS)
				: users + 128;
		System.out.println("load: starting " + options.get(Option.JAR) + " (max-clients " + maxClients
				+ ", max-connections " + maxConnections + ")");
		ServerProcess server = ServerProcess.launch(options, maxClients, maxConnections);
		Map<String, Object> launchMetrics = new LinkedHashMap<>();
		launchMetrics.put("launch_ms", server.launchNanos() / 1e6);
		System.out.printf("load: server on %s after %.0f ms%n", server.address(), server.launchNanos() / 1e6);
		try {
			results.addAll(runAll(plan, server.address(), server));
		}
		finally {
			server.close();
		}
		List<String> notes = new ArrayList<>();
		boolean stoppedByRun = options.get(Option.STOP_UNDER_LOAD) && options.get(Option.MODE).equals("capacity");
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
		results.add(0, new RunResult("launch", options.params("launch", Option.JAR), launchMetrics,
				Collections.emptyMap(), Integrity.none(), notes));
		return results;
	}

	/**
	 * Runs one mode (or all of them) against a server already listening at
	 * {@code target}.
	 */
	static List<RunResult> runMode(String mode, InetSocketAddress target, LoadOptions options) {
		return runAll(plan(mode, options), target, null);
	}

	/** The runs a mode consists of, in order. */
	private static List<Step> plan(String mode, LoadOptions options) {
		return switch (mode) {
			case "throughput" -> List.of(Step.throughput(options));
			case "rate" -> List.of(Step.rate(options));
			case "capacity" -> List.of(Step.capacity(options));
			case "churn" -> List.of(Step.churn(options));
			case "connections" -> List.of(Step.capacity(options), Step.churn(options));
			case "launch" -> List.of();
			case "all" -> {
				List<Step> steps = new ArrayList<>();
				for (int pairs : options.get(Option.PAIRS_LIST)) {
					steps.add(Step.throughput(options.with("pairs", String.valueOf(pairs))));
				}
				steps.addAll(List.of(Step.rate(options), Step.capacity(options), Step.churn(options)));
				yield steps;
			}
			default -> throw new IllegalArgumentException("unknown mode " + mode);
		};
	}

	private static List<RunResult> runAll(List<Step> plan, InetSocketAddress target, ServerProcess server) {
		List<RunResult> results = new ArrayList<>();
		for (Step step : plan) {
			results.add(once(target, step, server));
		}
		return results;
	}

	private static RunResult once(InetSocketAddress target, Step step, ServerProcess server) {
		try (RunContext context = RunContext.open(target, step.options(), step.users(), server)) {
			int baseline = Settle.usersOnline(context);
			RunResult result = step.workload().run(context);
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

	/**
	 * Fails at once, saying what to do, when nothing accepts connections at the target.
	 */
	private static void requireListening(InetSocketAddress target) {
		try (Socket socket = new Socket()) {
			socket.connect(target, 5000);
		}
		catch (IOException ex) {
			throw new LoadFailure("cannot connect to " + hostPort(target) + " (" + ex.getMessage()
					+ "): start the server there, or leave out --target to have the tool start --jar itself");
		}
	}

	static String hostPort(InetSocketAddress address) {
		return address.getAddress().getHostAddress() + ":" + address.getPort();
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

	/**
	 * One run of a mode: its options, how many users it logs in at once, and the
	 * workload.
	 */
	private record Step(LoadOptions options, int users, Workload workload) {

		static Step throughput(LoadOptions options) {
			return new Step(options, PairsRun.users(options), PairsRun::throughput);
		}

		static Step rate(LoadOptions options) {
			return new Step(options, PairsRun.users(options), PairsRun::rate);
		}

		static Step capacity(LoadOptions options) {
			return new Step(options, CapacityRun.users(options), CapacityRun::run);
		}

		static Step churn(LoadOptions options) {
			return new Step(options, ChurnRun.users(options), ChurnRun::run);
		}

	}

}
