package io.github.chatlab.server.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Capacity: {@code users} clients log in, {@code concurrency} handshakes at a time (time
 * and logins/s); then, if {@code flowRate} is set, messages flow among all of them (each
 * user to the next, in a ring) at that rate while the latency is measured; then one of
 * them asks {@code LIST} with everyone online.
 */
final class CapacityRun implements ChatClient.Listener {

	private final RunContext context;

	private final Stats stats = new Stats();

	private final List<ChatClient> clients = new ArrayList<>();

	private Logins logins;

	private Flow flow;

	private CompletableFuture<Listed> listed;

	private CompletableFuture<Boolean> allClosed;

	private int expectClosed;

	private CapacityRun(RunContext context) {
		this.context = context;
	}

	static RunResult run(RunContext context) {
		return new CapacityRun(context).execute();
	}

	private RunResult execute() {
		LoadOptions options = this.context.options();
		EventLoop loop = this.context.loop();
		String prefix = RunContext.newPrefix();
		int users = options.users();
		for (int i = 0; i < users; i++) {
			this.clients.add(new ChatClient(prefix + "u" + i, this.stats, this, options.size()));
		}
		String name = "capacity-" + users + "u-c" + options.concurrency();
		this.logins = new Logins(loop, this.context.target(), this.context.sources(), this.clients,
				options.concurrency());
		Logins.Outcome login = EventLoop.await(loop.call(this.logins::start), Duration.ofSeconds(60 + users / 50));
		List<String> notes = new ArrayList<>();
		Map<String, Object> params = new LinkedHashMap<>();
		params.put("mode", "capacity");
		params.put("users", users);
		params.put("concurrency", options.concurrency());
		params.put("flow_rate", options.flowRate());
		Map<String, Object> metrics = new LinkedHashMap<>();
		metrics.put("logged_in", login.succeeded());
		metrics.put("login_failed", login.failed());
		metrics.put("login_total_ms", login.nanos() / 1e6);
		metrics.put("logins_per_s", login.perSecond());
		Map<String, LatencySummary> latencies = new LinkedHashMap<>();
		latencies.put("login", loop.call(() -> LatencySummary.of(this.stats.login)));
		latencies.put("connect", loop.call(() -> LatencySummary.of(this.stats.connect)));
		Integrity integrity = Integrity.none();

		List<ChatClient> online = loop.call(() -> this.clients.stream().filter(ChatClient::online).toList());
		if (options.flowRate() > 0 && online.size() >= 2) {
			integrity = flow(online, metrics, latencies, notes);
		}
		else if (!online.isEmpty()) {
			list(online, metrics, notes);
		}
		ServerProcess server = this.context.server();
		if (options.stopUnderLoad() && server != null && !online.isEmpty()) {
			stopUnderLoad(server, online.size(), metrics, notes);
		}
		notes.addAll(0, loop.call(this.stats::notes));
		loop.call(this::closeAll);
		if (!online.isEmpty() && online.size() < users) {
			notes.add(0, (users - online.size()) + " of " + users + " users not online");
		}
		return new RunResult(name, params, metrics, latencies, integrity, notes);
	}

	private Integrity flow(List<ChatClient> online, Map<String, Object> metrics, Map<String, LatencySummary> latencies,
			List<String> notes) {
		LoadOptions options = this.context.options();
		EventLoop loop = this.context.loop();
		loop.call(() -> {
			for (int i = 0; i < online.size(); i++) {
				online.get(i).sendTo(online.get((i + 1) % online.size()));
			}
			this.flow = new Flow(loop, online, this.stats, options.window(), options.flowRate(), options.maxInFlight());
			this.flow.start();
			return null;
		});
		RunContext.pause(options.warmup());
		Stats.Counters start = loop.call(() -> {
			this.stats.resetHistograms();
			return this.stats.counters();
		});
		RunContext.pause(options.seconds());
		list(online, metrics, notes);
		loop.call(() -> {
			Stats.Counters end = this.stats.counters();
			metrics.put("flow_delivered_per_s", end.rate(end.delivered(), start.delivered(), start));
			latencies.put("delivery", LatencySummary.of(this.stats.delivery));
			latencies.put("delivery_from_intended", LatencySummary.of(this.stats.deliveryFromIntended));
			latencies.put("send_ok", LatencySummary.of(this.stats.sendOk));
			this.flow.stop();
			return null;
		});
		if (!this.flow.awaitDrained(Duration.ofMillis((long) (options.drainSeconds() * 1000)))) {
			notes.add("not drained after " + options.drainSeconds() + " s");
		}
		return loop.call(() -> Integrity.of(this.flow.outbounds(), this.stats.corrupt));
	}

	/**
	 * One user asks LIST with everyone online (and messages still flowing, if they flow).
	 */
	private void list(List<ChatClient> online, Map<String, Object> metrics, List<String> notes) {
		this.listed = new CompletableFuture<>();
		this.context.loop().execute(() -> online.get(0).list());
		Listed list = EventLoop.await(this.listed, Duration.ofSeconds(30));
		metrics.put("list_ms", list.nanos() / 1e6);
		metrics.put("list_names", list.names());
		metrics.put("list_bytes", list.bytes());
		if (list.names() < online.size()) {
			notes.add("LIST-OK named " + list.names() + " users while " + online.size() + " were logged in");
		}
	}

	/**
	 * R3 under load: SIGTERM while every user is still connected; measures how long until
	 * the server has closed all their connections, and until the process exits (R3:
	 * within 5 s, status 0).
	 */
	private void stopUnderLoad(ServerProcess server, int online, Map<String, Object> metrics, List<String> notes) {
		this.allClosed = new CompletableFuture<>();
		this.expectClosed = online;
		long start = System.nanoTime();
		server.signalStop();
		try {
			EventLoop.await(this.allClosed, Duration.ofSeconds(20));
			metrics.put("sigterm_all_closed_ms", (System.nanoTime() - start) / 1e6);
		}
		catch (IllegalStateException ex) {
			notes.add("20 s after SIGTERM, " + this.context.loop().call(() -> this.expectClosed)
					+ " connections were still open");
		}
		long exit = server.awaitExit(Duration.ofSeconds(20));
		if (exit < 0) {
			notes.add("server still running 20 s after SIGTERM with " + online + " users connected");
			return;
		}
		metrics.put("sigterm_exit_ms", exit / 1e6);
		metrics.put("exit_code", server.exitCode());
		if (exit > 5_000_000_000L || server.exitCode() != 0) {
			notes.add(String.format(java.util.Locale.ROOT,
					"SIGTERM with %d users connected: exit after %.1f s with status %d (R3: within 5 s, 0)", online,
					exit / 1e9, server.exitCode()));
		}
	}

	@Override
	public void closed(ChatClient client) {
		if (this.allClosed != null && --this.expectClosed == 0) {
			this.allClosed.complete(true);
		}
	}

	private Void closeAll() {
		for (ChatClient client : this.clients) {
			client.close(false);
		}
		return null;
	}

	@Override
	public void loggedIn(ChatClient client) {
		this.logins.loggedIn(client);
	}

	@Override
	public void loginFailed(ChatClient client, String why) {
		this.logins.failed(client);
	}

	@Override
	public void replied(ChatClient client, boolean accepted) {
		if (this.flow != null) {
			this.flow.replied(client);
		}
	}

	@Override
	public void listed(ChatClient client, String line, long nanos) {
		String names = line.substring("LIST-OK ".length());
		int count = names.isEmpty() ? 0 : names.split(",", -1).length;
		this.listed.complete(new Listed(nanos, count, line.length()));
	}

	/** How the LIST went. */
	private record Listed(long nanos, int names, int bytes) {
	}

}
