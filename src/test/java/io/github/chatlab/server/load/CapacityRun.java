package io.github.chatlab.server.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * Capacity: {@code --users} clients log in, {@code --concurrency} handshakes at a time
 * (time and logins/s); then, if {@code --flow-rate} is set, messages flow among all of
 * them (each user to the next, in a ring) at that rate while the latency is measured;
 * then one of them asks {@code LIST} with everyone online.
 */
final class CapacityRun extends Run {

	private List<ChatClient> online = List.of();

	private CompletableFuture<Listed> listed;

	private CompletableFuture<Boolean> allClosed;

	private int expectClosed;

	private CapacityRun(RunContext context) {
		super(context,
				"capacity-" + context.options().get(Option.USERS) + "u-c" + context.options().get(Option.CONCURRENCY),
				context.options().params("capacity", Option.USERS, Option.CONCURRENCY, Option.FLOW_RATE));
	}

	static RunResult run(RunContext context) {
		return new CapacityRun(context).execute();
	}

	/** Users logged in at once. */
	static int users(LoadOptions options) {
		return options.get(Option.USERS);
	}

	@Override
	void start() {
		EventLoop loop = this.context.loop();
		int users = this.options.get(Option.USERS);
		String prefix = RunContext.newPrefix();
		List<ChatClient> clients = new ArrayList<>();
		for (int i = 0; i < users; i++) {
			clients.add(client(prefix + "u" + i));
		}
		Logins.Outcome login = logIn(clients, Duration.ofSeconds(60 + users / 50));
		this.metrics.put("logged_in", login.succeeded());
		this.metrics.put("login_failed", login.failed());
		this.metrics.put("login_total_ms", login.nanos() / 1e6);
		this.metrics.put("logins_per_s", login.perSecond());
		loop.call(() -> {
			this.latencies.put("login", LatencySummary.of(this.stats.login));
			this.latencies.put("connect", LatencySummary.of(this.stats.connect));
			this.online = clients.stream().filter(ChatClient::online).toList();
			return null;
		});
		if (!this.online.isEmpty() && this.online.size() < users) {
			this.notes.add((users - this.online.size()) + " of " + users + " users not online");
		}
		double rate = this.options.get(Option.FLOW_RATE);
		if (rate > 0 && this.online.size() >= 2) {
			loop.call(() -> {
				for (int i = 0; i < this.online.size(); i++) {
					this.online.get(i).sendTo(this.online.get((i + 1) % this.online.size()));
				}
				return null;
			});
			startFlow(this.online, rate);
		}
	}

	@Override
	boolean measures() {
		return this.flow != null;
	}

	/** LIST with messages still flowing. */
	@Override
	void atWindowEnd() {
		list();
	}

	@Override
	void measured(Stats.Counters from, Stats.Counters to) {
		this.metrics.put("flow_delivered_per_s", to.perSecond(from, Stats.Counters::delivered));
		putFlowLatencies(true);
	}

	@Override
	void finish() {
		if (this.flow == null && !this.online.isEmpty()) {
			list();
		}
		ServerProcess server = this.context.server();
		if (this.options.get(Option.STOP_UNDER_LOAD) && server != null && !this.online.isEmpty()) {
			stopUnderLoad(server, this.online.size());
		}
	}

	@Override
	String fewerUsers() {
		return "--users";
	}

	/** One user asks LIST with everyone online. */
	private void list() {
		this.listed = new CompletableFuture<>();
		this.context.loop().execute(() -> this.online.get(0).list());
		Listed list = EventLoop.await(this.listed, Duration.ofSeconds(30));
		this.metrics.put("list_ms", list.nanos() / 1e6);
		this.metrics.put("list_names", list.names());
		this.metrics.put("list_bytes", list.bytes());
		if (list.names() < this.online.size()) {
			this.notes.add("LIST-OK named " + list.names() + " users while " + this.online.size() + " were logged in");
		}
	}

	/**
	 * R3 under load: SIGTERM while every user is still connected; measures how long until
	 * the server has closed all their connections, and until the process exits (R3:
	 * within 5 s, status 0).
	 */
	private void stopUnderLoad(ServerProcess server, int users) {
		this.allClosed = new CompletableFuture<>();
		this.context.loop().call(() -> this.expectClosed = users);
		long start = System.nanoTime();
		server.signalStop();
		try {
			EventLoop.await(this.allClosed, Duration.ofSeconds(20));
			this.metrics.put("sigterm_all_closed_ms", (System.nanoTime() - start) / 1e6);
		}
		catch (IllegalStateException ex) {
			this.notes.add("20 s after SIGTERM, " + this.context.loop().call(() -> this.expectClosed)
					+ " connections were still open");
		}
		long exit = server.awaitExit(Duration.ofSeconds(20));
		if (exit < 0) {
			this.notes.add("server still running 20 s after SIGTERM with " + users + " users connected");
			return;
		}
		this.metrics.put("sigterm_exit_ms", exit / 1e6);
		this.metrics.put("exit_code", server.exitCode());
		if (exit > 5_000_000_000L || server.exitCode() != 0) {
			this.notes.add(String.format(Locale.ROOT,
					"SIGTERM with %d users connected: exit after %.1f s with status %d (R3: within 5 s, 0)", users,
					exit / 1e9, server.exitCode()));
		}
	}

	@Override
	public void closed(ChatClient client) {
		if (this.allClosed != null && --this.expectClosed == 0) {
			this.allClosed.complete(true);
		}
	}

	@Override
	public void listed(ChatClient client, String line, long nanos) {
		this.listed.complete(new Listed(nanos, ChatClient.names(line), line.length()));
	}

	/** How the LIST went. */
	private record Listed(long nanos, int names, int bytes) {
	}

}
