package io.github.chatlab.server.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

import org.HdrHistogram.Histogram;

/**
 * The counters and latency histograms of one run. Only the event-loop thread writes them;
 * the run reads them through {@link EventLoop#call}. Histograms are in nanoseconds.
 */
final class Stats {

	private static final long MAX_NANOS = 120_000_000_000L;

	private static final int MAX_NOTES = 20;

	final Histogram delivery = histogram();

	final Histogram deliveryFromIntended = histogram();

	final Histogram sendOk = histogram();

	final Histogram login = histogram();

	/** Connect started until the TCP handshake completed (part of {@link #login}). */
	final Histogram connect = histogram();

	final Histogram cycle = histogram();

	long sent;

	long delivered;

	long sendOks;

	long badDest;

	long logins;

	long loginRefused;

	long cycles;

	long corrupt;

	long unexpectedLines;

	long unexpectedCloses;

	long connectFailures;

	private final Map<String, Integer> notes = new LinkedHashMap<>();

	private static Histogram histogram() {
		return new Histogram(MAX_NANOS, 3);
	}

	static void record(Histogram histogram, long nanos) {
		histogram.recordValue(Math.max(0, Math.min(nanos, MAX_NANOS)));
	}

	/** Remembers an odd event (first few distinct ones, with counts) for the report. */
	void note(String what) {
		String key = what.length() > 120 ? what.substring(0, 120) + "…" : what;
		Integer count = this.notes.get(key);
		if (count != null) {
			this.notes.put(key, count + 1);
		}
		else if (this.notes.size() < MAX_NOTES) {
			this.notes.put(key, 1);
		}
	}

	List<String> notes() {
		List<String> list = new ArrayList<>();
		this.notes.forEach((what, count) -> list.add(count > 1 ? what + " (x" + count + ")" : what));
		return list;
	}

	/** Starts the measured window: latencies seen so far (warm-up) are dropped. */
	void resetHistograms() {
		this.delivery.reset();
		this.deliveryFromIntended.reset();
		this.sendOk.reset();
		this.login.reset();
		this.connect.reset();
		this.cycle.reset();
	}

	Counters counters() {
		return new Counters(MessageBody.now(), this.sent, this.delivered, this.sendOks, this.badDest, this.logins,
				this.cycles);
	}

	/** A snapshot of the counters that rates are computed from. */
	record Counters(long atNanos, long sent, long delivered, long sendOks, long badDest, long logins, long cycles) {

		double seconds(Counters earlier) {
			return (this.atNanos - earlier.atNanos) / 1e9;
		}

		/** How fast {@code counter} grew from {@code earlier} to this snapshot. */
		double perSecond(Counters earlier, ToLongFunction<Counters> counter) {
			double seconds = seconds(earlier);
			return seconds > 0 ? (counter.applyAsLong(this) - counter.applyAsLong(earlier)) / seconds : 0;
		}

	}

}
