package io.github.chatlab.server.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Churn: {@code churnConcurrency} slots each repeat a cycle — connect, log in as a new
 * user, send one message to a resident receiver, wait for SEND-OK, disconnect — half of
 * the disconnects by TCP reset (SO_LINGER 0), half by FIN. Measures cycles/s and checks
 * that the resident got every SEND-OK'd message exactly once.
 */
final class ChurnRun implements ChatClient.Listener {

	private final RunContext context;

	private final Stats stats = new Stats();

	private final String prefix = RunContext.newPrefix();

	private final BitSet acked = new BitSet();

	private ChatClient resident;

	private Inbound residentInbound;

	private CompletableFuture<Boolean> residentOnline = new CompletableFuture<>();

	private CompletableFuture<Boolean> idle;

	private boolean running;

	private int active;

	private long cycles;

	private final Map<ChatClient, long[]> cycleStart = new IdentityHashMap<>();

	private ChurnRun(RunContext context) {
		this.context = context;
	}

	static RunResult run(RunContext context) {
		return new ChurnRun(context).execute();
	}

	private RunResult execute() {
		LoadOptions options = this.context.options();
		EventLoop loop = this.context.loop();
		String name = "churn-c" + options.churnConcurrency();
		loop.execute(() -> {
			this.resident = new ChatClient(this.prefix + "home", this.stats, this, options.size());
			this.residentInbound = this.resident.mergeInbound();
			this.resident.start(loop, this.context.target(), this.context.sources().next());
		});
		if (!EventLoop.await(this.residentOnline, Duration.ofSeconds(30))) {
			throw new IllegalStateException(
					name + ": the resident receiver could not log in: " + loop.call(this.stats::notes));
		}
		loop.call(() -> {
			this.running = true;
			for (int i = 0; i < options.churnConcurrency(); i++) {
				startCycle();
			}
			return null;
		});
		RunContext.pause(options.warmup());
		Stats.Counters start = loop.call(() -> {
			this.stats.resetHistograms();
			return this.stats.counters();
		});
		RunContext.pause(options.seconds());
		Stats.Counters end = loop.call(this.stats::counters);
		LatencySummary cycleLatency = loop.call(() -> LatencySummary.of(this.stats.cycle));
		LatencySummary loginLatency = loop.call(() -> LatencySummary.of(this.stats.login));
		LatencySummary connectLatency = loop.call(() -> LatencySummary.of(this.stats.connect));
		LatencySummary sendOkLatency = loop.call(() -> LatencySummary.of(this.stats.sendOk));
		LatencySummary deliveryLatency = loop.call(() -> LatencySummary.of(this.stats.delivery));
		this.idle = new CompletableFuture<>();
		loop.call(() -> {
			this.running = false;
			if (this.active == 0) {
				this.idle.complete(true);
			}
			return null;
		});
		List<String> notes = new ArrayList<>();
		Duration drain = Duration.ofMillis((long) (options.drainSeconds() * 1000));
		try {
			EventLoop.await(this.idle, drain);
		}
		catch (IllegalStateException ex) {
			notes.add("cycles still open after " + options.drainSeconds() + " s");
		}
		boolean delivered = awaitDeliveries(drain);
		if (!delivered) {
			notes.add("resident still missing deliveries after " + options.drainSeconds() + " s");
		}
		Integrity integrity = loop.call(() -> {
			Map<Inbound, BitSet> expected = new IdentityHashMap<>();
			expected.put(this.residentInbound, this.acked);
			return Integrity.compare(expected, this.stats.corrupt);
		});
		notes.addAll(0, loop.call(this.stats::notes));
		loop.call(() -> {
			this.resident.close(false);
			return null;
		});

		Map<String, Object> params = new LinkedHashMap<>();
		params.put("mode", "churn");
		params.put("concurrency", options.churnConcurrency());
		params.put("seconds", options.seconds());
		params.put("warmup", options.warmup());
		Map<String, Object> metrics = new LinkedHashMap<>();
		metrics.put("measured_s", end.seconds(start));
		metrics.put("cycles_per_s", end.rate(end.cycles(), start.cycles(), start));
		metrics.put("logins_per_s", end.rate(end.logins(), start.logins(), start));
		metrics.put("cycles_total", loop.call(() -> this.cycles));
		metrics.put("login_refused", loop.call(() -> this.stats.loginRefused));
		Map<String, LatencySummary> latencies = new LinkedHashMap<>();
		latencies.put("cycle", cycleLatency);
		latencies.put("login", loginLatency);
		latencies.put("connect", connectLatency);
		latencies.put("send_ok", sendOkLatency);
		latencies.put("delivery", deliveryLatency);
		return new RunResult(name, params, metrics, latencies, integrity, notes);
	}

	private boolean awaitDeliveries(Duration timeout) {
		CompletableFuture<Boolean> done = new CompletableFuture<>();
		long deadline = System.nanoTime() + timeout.toNanos();
		EventLoop loop = this.context.loop();
		Runnable[] check = new Runnable[1];
		check[0] = () -> {
			boolean complete = this.stats.delivered + this.stats.corrupt >= this.stats.sendOks;
			if (complete || System.nanoTime() > deadline) {
				loop.removeTicker(check[0]);
				done.complete(complete);
			}
		};
		loop.execute(() -> loop.addTicker(check[0]));
		return EventLoop.await(done, timeout.plusSeconds(5));
	}

	private void startCycle() {
		long seq = this.cycles++;
		this.active++;
		ChatClient client = new ChatClient(this.prefix + "c" + seq, this.stats, this, this.context.options().size());
		client.sendTo(this.resident.name(), this.residentInbound);
		this.cycleStart.put(client, new long[] { seq, MessageBody.now() });
		client.start(this.context.loop(), this.context.target(), this.context.sources().next());
	}

	/**
	 * One cycle is over (well or not): start the next, a loop turn later so failures
	 * never recurse.
	 */
	private void endCycle(ChatClient client, boolean reset) {
		if (this.cycleStart.remove(client) == null) {
			return;
		}
		client.close(reset);
		this.active--;
		this.context.loop().execute(() -> {
			if (this.running) {
				startCycle();
			}
			else if (this.active == 0 && this.idle != null) {
				this.idle.complete(true);
			}
		});
	}

	@Override
	public void loggedIn(ChatClient client) {
		if (client == this.resident) {
			this.residentOnline.complete(true);
			return;
		}
		long[] cycle = this.cycleStart.get(client);
		if (cycle != null) {
			client.sendMessage(cycle[0], MessageBody.now());
		}
	}

	@Override
	public void loginFailed(ChatClient client, String why) {
		if (client == this.resident) {
			this.residentOnline.complete(false);
			return;
		}
		endCycle(client, false);
	}

	@Override
	public void replied(ChatClient client, boolean accepted) {
		long[] cycle = this.cycleStart.get(client);
		if (cycle == null) {
			return;
		}
		if (accepted) {
			this.acked.set((int) cycle[0]);
			this.stats.cycles++;
			Stats.record(this.stats.cycle, MessageBody.now() - cycle[1]);
		}
		// half of the cycles end by reset; by the parity of the bits, not of seq, so the
		// choice does not line
		// up with the round robin over source addresses
		endCycle(client, (Long.bitCount(cycle[0]) & 1) == 1);
	}

	@Override
	public void closed(ChatClient client) {
		if (client == this.resident) {
			if (this.running) {
				this.stats.note("resident receiver disconnected during churn");
			}
			return;
		}
		endCycle(client, false);
	}

}
