package io.github.chatlab.server.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Throughput and latency over sender/receiver pairs: each pair is one sender client
 * sending to one receiver client, distinct users. Closed loop ({@code rate} 0:
 * {@code window} SENDs in flight per sender) measures delivered msgs/s; fixed rate
 * measures latency at an offered load.
 */
final class PairsRun implements ChatClient.Listener {

	private final RunContext context;

	private final Stats stats = new Stats();

	private final int pairs;

	private final double rate;

	private Logins logins;

	private Flow flow;

	private final List<ChatClient> clients = new ArrayList<>();

	private final List<ChatClient> senders = new ArrayList<>();

	private PairsRun(RunContext context, int pairs, double rate) {
		this.context = context;
		this.pairs = pairs;
		this.rate = rate;
	}

	/** Closed loop: {@code options.window()} in flight per sender. */
	static RunResult throughput(RunContext context, int pairs) {
		return new PairsRun(context, pairs, 0).run("throughput-" + pairs + "p");
	}

	/** Open loop at {@code rate} messages/s in total. */
	static RunResult rate(RunContext context, int pairs, double rate) {
		return new PairsRun(context, pairs, rate).run("rate-" + pairs + "p-" + Math.round(rate));
	}

	private RunResult run(String name) {
		LoadOptions options = this.context.options();
		EventLoop loop = this.context.loop();
		String prefix = RunContext.newPrefix();
		List<ChatClient> receivers = new ArrayList<>();
		for (int i = 0; i < this.pairs; i++) {
			ChatClient receiver = new ChatClient(prefix + "r" + i, this.stats, this, options.size());
			ChatClient sender = new ChatClient(prefix + "s" + i, this.stats, this, options.size());
			sender.sendTo(receiver);
			receivers.add(receiver);
			this.senders.add(sender);
		}
		this.clients.addAll(receivers);
		this.clients.addAll(this.senders);
		this.flow = new Flow(loop, this.senders, this.stats, options.window(), this.rate, options.maxInFlight());
		this.logins = new Logins(loop, this.context.target(), this.context.sources(), this.clients,
				options.concurrency());
		Logins.Outcome login = EventLoop.await(loop.call(this.logins::start), Duration.ofSeconds(60 + this.pairs));
		if (login.failed() > 0) {
			List<String> notes = loop.call(this.stats::notes);
			loop.call(this::closeAll);
			throw new IllegalStateException(name + ": " + login.failed() + " of " + this.clients.size()
					+ " clients could not log in: " + notes);
		}
		loop.call(() -> {
			this.flow.start();
			return null;
		});
		RunContext.pause(options.warmup());
		Stats.Counters start = loop.call(() -> {
			this.stats.resetHistograms();
			return this.stats.counters();
		});
		RunContext.pause(options.seconds());
		Measured end = loop.call(() -> new Measured(this.stats.counters(), LatencySummary.of(this.stats.delivery),
				LatencySummary.of(this.stats.deliveryFromIntended), LatencySummary.of(this.stats.sendOk)));
		loop.call(() -> {
			this.flow.stop();
			return null;
		});
		boolean drained = this.flow.awaitDrained(Duration.ofMillis((long) (options.drainSeconds() * 1000)));
		Integrity integrity = loop.call(() -> Integrity.of(this.flow.outbounds(), this.stats.corrupt));
		List<String> notes = new ArrayList<>(loop.call(this.stats::notes));
		if (!drained) {
			notes.add("not drained after " + options.drainSeconds() + " s: SENDs unanswered or deliveries missing");
		}
		loop.call(this::closeAll);

		Map<String, Object> params = new LinkedHashMap<>();
		params.put("mode", this.rate > 0 ? "rate" : "throughput");
		params.put("pairs", this.pairs);
		if (this.rate > 0) {
			params.put("rate", this.rate);
		}
		else {
			params.put("window", options.window());
		}
		params.put("size", options.size());
		params.put("seconds", options.seconds());
		params.put("warmup", options.warmup());
		Stats.Counters c = end.counters();
		Map<String, Object> metrics = new LinkedHashMap<>();
		metrics.put("measured_s", c.seconds(start));
		metrics.put("delivered_per_s", c.rate(c.delivered(), start.delivered(), start));
		metrics.put("sent_per_s", c.rate(c.sent(), start.sent(), start));
		metrics.put("send_ok_per_s", c.rate(c.sendOks(), start.sendOks(), start));
		metrics.put("bad_dest", c.badDest());
		Map<String, LatencySummary> latencies = new LinkedHashMap<>();
		latencies.put("delivery", end.delivery());
		if (this.rate > 0) {
			latencies.put("delivery_from_intended", end.fromIntended());
		}
		latencies.put("send_ok", end.sendOk());
		return new RunResult(name, params, metrics, latencies, integrity, notes);
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
		this.flow.replied(client);
	}

	/** Counters and latencies at the end of the measured window. */
	private record Measured(Stats.Counters counters, LatencySummary delivery, LatencySummary fromIntended,
			LatencySummary sendOk) {
	}

}
