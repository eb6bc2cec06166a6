package io.github.chatlab.server.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Throughput and latency over sender/receiver pairs: each pair is one sender client
 * sending to one receiver client, distinct users. Closed loop ({@code --window} SENDs in
 * flight per sender) measures delivered msgs/s; fixed rate ({@code --rate} in total)
 * measures latency at an offered load.
 */
final class PairsRun extends Run {

	private final boolean paced;

	private PairsRun(RunContext context, boolean paced) {
		super(context, name(context.options(), paced), params(context.options(), paced));
		this.paced = paced;
	}

	/** Closed loop: {@code --window} in flight per sender. */
	static RunResult throughput(RunContext context) {
		return new PairsRun(context, false).execute();
	}

	/** Open loop at {@code --rate} messages/s in total. */
	static RunResult rate(RunContext context) {
		return new PairsRun(context, true).execute();
	}

	/** Users logged in at once. */
	static int users(LoadOptions options) {
		return 2 * options.get(Option.PAIRS);
	}

	private static String name(LoadOptions options, boolean paced) {
		String pairs = options.get(Option.PAIRS) + "p";
		return paced ? "rate-" + pairs + "-" + Math.round(options.get(Option.RATE)) : "throughput-" + pairs;
	}

	private static Map<String, Object> params(LoadOptions options, boolean paced) {
		if (paced) {
			return options.params("rate", Option.PAIRS, Option.RATE, Option.SIZE, Option.SECONDS, Option.WARMUP);
		}
		return options.params("throughput", Option.PAIRS, Option.WINDOW, Option.SIZE, Option.SECONDS, Option.WARMUP);
	}

	@Override
	void start() {
		int pairs = this.options.get(Option.PAIRS);
		String prefix = RunContext.newPrefix();
		List<ChatClient> receivers = new ArrayList<>();
		List<ChatClient> senders = new ArrayList<>();
		for (int i = 0; i < pairs; i++) {
			ChatClient receiver = client(prefix + "r" + i);
			ChatClient sender = client(prefix + "s" + i);
			sender.sendTo(receiver);
			receivers.add(receiver);
			senders.add(sender);
		}
		List<ChatClient> clients = new ArrayList<>(receivers);
		clients.addAll(senders);
		requireAll(logIn(clients, Duration.ofSeconds(60 + pairs)), "clients");
		startFlow(senders, this.paced ? this.options.get(Option.RATE) : 0);
	}

	@Override
	void measured(Stats.Counters from, Stats.Counters to) {
		this.metrics.put("measured_s", to.seconds(from));
		this.metrics.put("delivered_per_s", to.perSecond(from, Stats.Counters::delivered));
		this.metrics.put("sent_per_s", to.perSecond(from, Stats.Counters::sent));
		this.metrics.put("send_ok_per_s", to.perSecond(from, Stats.Counters::sendOks));
		this.metrics.put("bad_dest", to.badDest());
		putFlowLatencies(this.paced);
	}

	@Override
	String fewerUsers() {
		return "--pairs, or --pairs-list for mode all: each pair is 2 users";
	}

}
