package io.github.chatlab.server.console.history;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The last hour of the {@code chat.*} meters, kept in the process so the console's charts
 * need no Prometheus (O7, O9): every {@code chat.console.history.interval} one sample of
 * the gauges (users online, open connections) and of how much each counter grew since the
 * sample before (logins by outcome, sends by outcome, protocol errors by kind,
 * disconnects by reason, refusals by reason). At most {@code span / interval} samples are
 * kept (360 by default, a few tens of kilobytes).
 */
public final class MeterHistory {

	private final MeterRegistry meters;

	private final int capacity;

	private final Deque<Sample> samples = new ArrayDeque<>();

	/** The counters' totals at the sample before; only the sampling thread touches it. */
	private Map<String, Double> previous = Map.of();

	public MeterHistory(MeterRegistry meters, int capacity) {
		this.meters = meters;
		this.capacity = capacity;
	}

	/**
	 * One sample of the meters at a moment.
	 *
	 * @param at when it was taken
	 * @param usersOnline users logged in, both transports
	 * @param connectionsOpen open TCP connections, logged in or not
	 * @param logins login attempts since the sample before, by outcome
	 * @param sends {@code SEND}s since the sample before, by outcome
	 * @param errors protocol errors since the sample before, by kind ({@code header},
	 * {@code body})
	 * @param disconnects connections ended since the sample before, by reason
	 * @param refusals connections refused since the sample before, by reason
	 */
	public record Sample(Instant at, long usersOnline, long connectionsOpen, Map<String, Long> logins,
			Map<String, Long> sends, Map<String, Long> errors, Map<String, Long> disconnects,
			Map<String, Long> refusals) {
	}

	/** Takes one sample; called by one thread, every interval. */
	public void sample() {
		Map<String, Double> totals = new TreeMap<>();
		Sample sample = new Sample(Instant.now(), gauge("chat.users.online"), gauge("chat.connections.open"),
				grown("chat.logins", "outcome", totals), grown("chat.sends", "outcome", totals),
				grown("chat.protocol.errors", "kind", totals), grown("chat.disconnects", "reason", totals),
				grown("chat.connections.refused", "reason", totals));
		this.previous = totals;
		synchronized (this.samples) {
			this.samples.addLast(sample);
			while (this.samples.size() > this.capacity) {
				this.samples.removeFirst();
			}
		}
	}

	/** The samples kept, oldest first. */
	public List<Sample> samples() {
		synchronized (this.samples) {
			return new ArrayList<>(this.samples);
		}
	}

	private long gauge(String name) {
		Gauge gauge = this.meters.find(name).gauge();
		return (gauge != null) ? Math.round(gauge.value()) : 0;
	}

	private Map<String, Long> grown(String name, String tag, Map<String, Double> totals) {
		Map<String, Long> grown = new TreeMap<>();
		for (Counter counter : this.meters.find(name).counters()) {
			String value = counter.getId().getTag(tag);
			if (value == null) {
				continue;
			}
			String key = name + "|" + value;
			double total = counter.count();
			totals.merge(key, total, Double::sum);
			grown.merge(value, Math.round(total - this.previous.getOrDefault(key, total)), Long::sum);
		}
		return grown;
	}

}
