package io.github.chatlab.server.load;

import java.io.PrintStream;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints results for people (a table, latencies in microseconds) and for scripts (one
 * {@code RESULT {json}} line per run, hand-built so the tool needs no JSON library).
 */
final class Report {

	private Report() {
	}

	static void table(List<RunResult> results, PrintStream out) {
		String header = String.format(Locale.ROOT, "%-26s %6s %9s %9s %9s | %-30s | %-17s | %-22s | %s", "run", "secs",
				"deliv/s", "logins/s", "cycles/s", "SEND->DELIVERY us p50/p99/p999/max", "SEND->OK us p50/p99",
				"integrity", "other");
		out.println(header);
		out.println("-".repeat(header.length() + 10));
		for (RunResult result : results) {
			out.println(row(result));
			for (String note : result.notes()) {
				out.println("    ! " + note);
			}
		}
	}

	private static String row(RunResult r) {
		double secs = r.metric("measured_s");
		double delivered = r.metrics().containsKey("delivered_per_s") ? r.metric("delivered_per_s")
				: r.metric("flow_delivered_per_s");
		LatencySummary delivery = r.latency("delivery");
		LatencySummary sendOk = r.latency("send_ok");
		return String.format(Locale.ROOT, "%-26s %6s %9s %9s %9s | %-30s | %-17s | %-22s | %s", r.name(), num(secs, 1),
				num(delivered, 0), num(r.metric("logins_per_s"), 0), num(r.metric("cycles_per_s"), 0),
				delivery == null || delivery.count() == 0 ? "-"
						: us(delivery.p50()) + "/" + us(delivery.p99()) + "/" + us(delivery.p999()) + "/"
								+ us(delivery.max()),
				sendOk == null || sendOk.count() == 0 ? "-" : us(sendOk.p50()) + "/" + us(sendOk.p99()),
				integrity(r.integrity()), other(r));
	}

	private static String integrity(Integrity i) {
		if (i.acked() == 0 && i.delivered() == 0 && i.corrupt() == 0) {
			return "-";
		}
		if (i.ok()) {
			return "ok " + i.acked() + (i.unacked() > 0 ? " (+" + i.unacked() + " unacked)" : "");
		}
		return "FAIL lost=" + i.lost() + " dup=" + i.duplicates() + " reord=" + i.reordered() + " bad=" + i.corrupt();
	}

	private static String other(RunResult r) {
		StringBuilder out = new StringBuilder();
		appendIf(out, r, "launch_ms", "launch %.0f ms");
		appendIf(out, r, "stop_ms", "stop %.0f ms");
		appendIf(out, r, "login_total_ms", "logins in %.0f ms");
		appendIf(out, r, "list_ms", "LIST %.1f ms");
		appendIf(out, r, "list_names", "%.0f names");
		appendIf(out, r, "users_gone_ms", "users gone %.0f ms after close");
		LatencySummary intended = r.latency("delivery_from_intended");
		if (intended != null && intended.count() > 0) {
			out.append(out.length() > 0 ? ", " : "")
				.append("from intended p99 ")
				.append(us(intended.p99()))
				.append(" us");
		}
		LatencySummary login = r.latency("login");
		if (login != null && login.count() > 0) {
			out.append(out.length() > 0 ? ", " : "").append("login p99 ").append(us(login.p99())).append(" us");
		}
		LatencySummary connect = r.latency("connect");
		if (connect != null && connect.count() > 0) {
			out.append(out.length() > 0 ? ", " : "")
				.append("connect p50/p99 ")
				.append(us(connect.p50()))
				.append('/')
				.append(us(connect.p99()))
				.append(" us");
		}
		LatencySummary cycle = r.latency("cycle");
		if (cycle != null && cycle.count() > 0) {
			out.append(out.length() > 0 ? ", " : "").append("cycle p99 ").append(us(cycle.p99())).append(" us");
		}
		return out.toString();
	}

	private static void appendIf(StringBuilder out, RunResult r, String key, String format) {
		double value = r.metric(key);
		if (!Double.isNaN(value)) {
			out.append(out.length() > 0 ? ", " : "").append(String.format(Locale.ROOT, format, value));
		}
	}

	private static String num(double value, int decimals) {
		return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%." + decimals + "f", value);
	}

	private static String us(long nanos) {
		return nanos >= 10_000_000 ? String.valueOf(nanos / 1000) : String.format(Locale.ROOT, "%.0f", nanos / 1e3);
	}

	static String json(RunResult r) {
		StringBuilder out = new StringBuilder("{");
		field(out, "run", r.name()).append(',');
		out.append("\"params\":");
		map(out, r.params()).append(',');
		out.append("\"metrics\":");
		map(out, r.metrics()).append(',');
		out.append("\"latency_us\":{");
		Iterator<Map.Entry<String, LatencySummary>> latencies = r.latencies().entrySet().iterator();
		while (latencies.hasNext()) {
			Map.Entry<String, LatencySummary> entry = latencies.next();
			LatencySummary l = entry.getValue();
			string(out, entry.getKey()).append(':');
			out.append(String.format(Locale.ROOT,
					"{\"count\":%d,\"p50\":%.1f,\"p90\":%.1f,\"p99\":%.1f,\"p99_9\":%.1f,\"max\":%.1f}", l.count(),
					l.p50() / 1e3, l.p90() / 1e3, l.p99() / 1e3, l.p999() / 1e3, l.max() / 1e3));
			if (latencies.hasNext()) {
				out.append(',');
			}
		}
		out.append("},");
		Integrity i = r.integrity();
		out.append(String.format(Locale.ROOT,
				"\"integrity\":{\"ok\":%s,\"acked\":%d,\"delivered\":%d,\"lost\":%d,\"duplicates\":%d,"
						+ "\"reordered\":%d,\"unacked\":%d,\"corrupt\":%d},",
				i.ok(), i.acked(), i.delivered(), i.lost(), i.duplicates(), i.reordered(), i.unacked(), i.corrupt()));
		out.append("\"notes\":[");
		for (int n = 0; n < r.notes().size(); n++) {
			string(out, r.notes().get(n)).append(n + 1 < r.notes().size() ? "," : "");
		}
		return out.append("]}").toString();
	}

	private static StringBuilder map(StringBuilder out, Map<String, Object> map) {
		out.append('{');
		Iterator<Map.Entry<String, Object>> entries = map.entrySet().iterator();
		while (entries.hasNext()) {
			Map.Entry<String, Object> entry = entries.next();
			string(out, entry.getKey()).append(':');
			value(out, entry.getValue());
			if (entries.hasNext()) {
				out.append(',');
			}
		}
		return out.append('}');
	}

	private static void value(StringBuilder out, Object value) {
		if (value instanceof Double || value instanceof Float) {
			double d = ((Number) value).doubleValue();
			out.append(Double.isFinite(d) ? String.format(Locale.ROOT, "%.3f", d) : "null");
		}
		else if (value instanceof Number || value instanceof Boolean) {
			out.append(value);
		}
		else if (value == null) {
			out.append("null");
		}
		else {
			string(out, value.toString());
		}
	}

	private static StringBuilder field(StringBuilder out, String key, String value) {
		string(out, key).append(':');
		return string(out, value);
	}

	private static StringBuilder string(StringBuilder out, String text) {
		out.append('"');
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '"' || c == '\\') {
				out.append('\\').append(c);
			}
			else if (c < 0x20) {
				out.append(String.format("\\u%04x", (int) c));
			}
			else {
				out.append(c);
			}
		}
		return out.append('"');
	}

}
