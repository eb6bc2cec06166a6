package io.github.chatlab.server.udp;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import io.github.chatlab.server.udp.fault.Fate;

/**
 * The UDP server's meters (U7), registered up front so that dashboards show zeros rather
 * than gaps: datagrams in and out, each fault applied, and datagrams ignored by reason.
 * Tags carry kinds only, never addresses or names.
 */
final class UdpMetrics {

	/** Why a received datagram got no answer. */
	enum Ignored {

		/** No LF within {@code max-datagram-bytes} (U1). */
		NO_LF("no-lf"),

		/** Not {@code HELLO-FROM}, from an address that is not logged in (U3). */
		NOT_LOGGED_IN("not-logged-in"),

		/** Beyond the client's {@code chat.udp.rate} (U7). */
		RATE("rate"),

		/** Beyond the requests a client may have waiting (S8). */
		BACKLOG("backlog");

		private final String tag;

		Ignored(String tag) {
			this.tag = tag;
		}

	}

	private final Counter in;

	private final Counter out;

	private final Counter drop;

	private final Counter flip;

	private final Counter burst;

	private final Counter delay;

	private final Counter[] ignored = new Counter[Ignored.values().length];

	UdpMetrics(MeterRegistry meters) {
		this.in = datagrams(meters, "in");
		this.out = datagrams(meters, "out");
		this.drop = fault(meters, "drop");
		this.flip = fault(meters, "flip");
		this.burst = fault(meters, "burst");
		this.delay = fault(meters, "delay");
		for (Ignored reason : Ignored.values()) {
			this.ignored[reason.ordinal()] = Counter.builder("chat.udp.ignored")
				.description("Datagrams received and not answered, by reason")
				.tag("reason", reason.tag)
				.register(meters);
		}
	}

	private static Counter datagrams(MeterRegistry meters, String direction) {
		return Counter.builder("chat.udp.datagrams")
			.description("Datagrams received (in) and handed to the socket (out)")
			.tag("direction", direction)
			.register(meters);
	}

	private static Counter fault(MeterRegistry meters, String kind) {
		return Counter.builder("chat.udp.faults")
			.description("Outgoing datagrams dropped, with bits flipped, with a burst error, or delayed (U6)")
			.tag("kind", kind)
			.register(meters);
	}

	void received() {
		this.in.increment();
	}

	void sent() {
		this.out.increment();
	}

	void ignored(Ignored reason) {
		this.ignored[reason.ordinal()].increment();
	}

	/**
	 * A datagram was lost on purpose: DROP, or a delayed one beyond its client's backlog
	 * (S8), which is lost the same way.
	 */
	void dropped() {
		this.drop.increment();
	}

	/** The faults that befell a datagram that goes out. */
	void faulted(Fate.Sent sent) {
		if (sent.flippedBits() > 0) {
			this.flip.increment();
		}
		if (sent.burstBits() > 0) {
			this.burst.increment();
		}
		if (sent.delaySeconds() > 0) {
			this.delay.increment();
		}
	}

}
