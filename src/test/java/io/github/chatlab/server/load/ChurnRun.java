package io.github.chatlab.server.load;

import java.time.Duration;
import java.util.BitSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Churn: {@code --churn-concurrency} slots each repeat a cycle — connect, log in as a new
 * user, send one message to a resident receiver, wait for SEND-OK, disconnect — half of
 * the disconnects by TCP reset (SO_LINGER 0), half by FIN. Measures cycles/s and checks
 * that the resident got every SEND-OK'd message exactly once.
 */
final class ChurnRun extends Run {

	private final String prefix = RunContext.newPrefix();

	private final BitSet acked = new BitSet();

	private final Map<ChatClient, long[]> cycleStart = new IdentityHashMap<>();

	private ChatClient resident;

	private Inbound residentInbound;

	private boolean running;

	private int active;

	private long cycles;

	private ChurnRun(RunContext context) {
		super(context, "churn-c" + context.options().get(Option.CHURN_CONCURRENCY),
				context.options().params("churn", Option.CHURN_CONCURRENCY, Option.SECONDS, Option.WARMUP));
	}

	static RunResult run(RunContext context) {
		return new ChurnRun(context).execute();
	}

	/**
	 * Users logged in at once: the resident, the slots, and as many again, because a
	 * slot's next user may log in before the server has removed its last (L7 allows it
	 * 100 ms).
	 */
	static int users(LoadOptions options) {
		return 2 * options.get(Option.CHURN_CONCURRENCY) + 1;
	}

	@Override
	void start() {
		this.resident = client(this.prefix + "home");
		this.residentInbound = this.resident.mergeInbound();
		requireAll(logIn(List.of(this.resident), Duration.ofSeconds(30)), "resident receiver");
		this.context.loop().call(() -> {
			this.running = true;
			for (int i = 0; i < this.options.get(Option.CHURN_CONCURRENCY); i++) {
				startCycle();
			}
			return null;
		});
	}

	@Override
	void measured(Stats.Counters from, Stats.Counters to) {
		this.metrics.put("measured_s", to.seconds(from));
		this.metrics.put("cycles_per_s", to.perSecond(from, Stats.Counters::cycles));
		this.metrics.put("logins_per_s", to.perSecond(from, Stats.Counters::logins));
		this.latencies.put("cycle", LatencySummary.of(this.stats.cycle));
		this.latencies.put("login", LatencySummary.of(this.stats.login));
		this.latencies.put("connect", LatencySummary.of(this.stats.connect));
		this.latencies.put("send_ok", LatencySummary.of(this.stats.sendOk));
		this.latencies.put("delivery", LatencySummary.of(this.stats.delivery));
	}

	@Override
	void stopTraffic() {
		this.running = false;
	}

	@Override
	void drain(Duration timeout) {
		EventLoop loop = this.context.loop();
		String seconds = timeout.toMillis() / 1e3 + " s";
		if (!loop.until(() -> this.active == 0, timeout)) {
			this.notes.add("cycles still open after " + seconds);
		}
		if (!loop.until(() -> this.stats.delivered + this.stats.corrupt >= this.stats.sendOks, timeout)) {
			this.notes.add("resident still missing deliveries after " + seconds);
		}
	}

	@Override
	Integrity integrity() {
		Map<Inbound, BitSet> expected = new IdentityHashMap<>();
		expected.put(this.residentInbound, this.acked);
		return Integrity.compare(expected, this.stats.corrupt);
	}

	@Override
	void finish() {
		this.context.loop().call(() -> {
			this.metrics.put("cycles_total", this.cycles);
			this.metrics.put("login_refused", this.stats.loginRefused);
			return null;
		});
	}

	@Override
	String fewerUsers() {
		return "--churn-concurrency";
	}

	private void startCycle() {
		long seq = this.cycles++;
		this.active++;
		ChatClient client = client(this.prefix + "c" + seq);
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
			if (this.running && !stopped()) {
				startCycle();
			}
		});
	}

	@Override
	public void loggedIn(ChatClient client) {
		if (client == this.resident) {
			super.loggedIn(client);
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
			super.loginFailed(client, why);
			return;
		}
		stopIfBusy(why);
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
		// choice does not line up with the round robin over source addresses
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
