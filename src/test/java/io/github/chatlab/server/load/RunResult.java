package io.github.chatlab.server.load;

import java.util.List;
import java.util.Map;

/**
 * What one run measured. {@code params} are the workload's settings, {@code metrics} its
 * numbers (rates, counts, times), {@code latencies} its named histograms, {@code notes}
 * odd things the server did.
 */
record RunResult(String name, Map<String, Object> params, Map<String, Object> metrics,
		Map<String, LatencySummary> latencies, Integrity integrity, List<String> notes) {

	double metric(String key) {
		Object value = this.metrics.get(key);
		return value instanceof Number ? ((Number) value).doubleValue() : Double.NaN;
	}

	LatencySummary latency(String key) {
		return this.latencies.get(key);
	}

	/**
	 * True when the run saw no integrity failure and nothing unexpected from the server.
	 */
	boolean clean() {
		return this.integrity.ok() && this.notes.isEmpty();
	}

}
