package io.github.chatlab.server.wire;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import org.jspecify.annotations.Nullable;

import io.github.chatlab.server.chat.AddressGroup;
import io.github.chatlab.server.chat.AddressLimits;
import io.github.chatlab.server.chat.ChatMetrics;
import io.github.chatlab.server.chat.ChatMetrics.Refusal;
import io.github.chatlab.server.chat.Gate;
import io.github.chatlab.server.chat.ThrottledLog;
import io.github.chatlab.server.protocol.Reason;

/**
 * Whether a new connection may in: not from a banned address (O4), at most
 * {@code chat.max-connections} open (L9), and per {@link AddressGroup} at most
 * {@code chat.per-address.max-pending} connections not yet logged in, and new connections
 * at most at {@code connect-rate} per second after a burst (L10). Every refusal is
 * counted, and logged at most once a minute per address and reason (R4). Measured before:
 * one address held all 1,024 connections by reopening them as the 30 s login time-out
 * closed them (about 34 connects/s), and every other address got {@code BUSY}. The
 * connect rate is a Bucket4j token bucket per address; idle buckets are dropped by
 * {@link #sweep()}, so the map holds only recently active addresses.
 */
final class AdmissionControl {

	/** Why a connection was not admitted, as the refusal meter's tag says. */
	enum Verdict {

		ADMITTED, MAX_CONNECTIONS, PER_ADDRESS, CONNECT_RATE, BANNED

	}

	private final int maxConnections;

	private final AtomicInteger open = new AtomicInteger();

	private final AddressLimits limits;

	private final ChatMetrics metrics;

	private final ThrottledLog log;

	private final Gate gate;

	private final Map<AddressGroup, AtomicInteger> pending = new ConcurrentHashMap<>();

	private final Map<AddressGroup, Bucket> connects = new ConcurrentHashMap<>();

	AdmissionControl(int maxConnections, AddressLimits limits, ChatMetrics metrics, ThrottledLog log, Gate gate) {
		this.maxConnections = maxConnections;
		this.gate = gate;
		this.limits = limits;
		this.metrics = metrics;
		this.log = log;
	}

	/**
	 * Takes a connection, a pending place and a connect for {@code address}, or counts
	 * and logs why not.
	 */
	Admission admit(InetAddress address) {
		Reason banned = this.gate.refusesConnect(address);
		if (banned != null) {
			// before the limits: a banned address takes no place and no token (O4)
			refused(Refusal.BANNED, address, banned.toString());
			return new Admission(Verdict.BANNED, null);
		}
		Admission admission = admitAddress(address);
		if (admission.verdict() == Verdict.ADMITTED && !takeConnection()) {
			loggedInOrClosed(admission);
			admission = new Admission(Verdict.MAX_CONNECTIONS, null);
		}
		switch (admission.verdict()) {
			case ADMITTED, BANNED -> {
			}
			case MAX_CONNECTIONS -> refused(Refusal.MAX_CONNECTIONS, address, "chat.max-connections reached");
			case PER_ADDRESS -> refused(Refusal.PER_ADDRESS, address, "chat.per-address.max-pending reached");
			case CONNECT_RATE -> refused(Refusal.CONNECT_RATE, address, "over chat.per-address.connect-rate");
		}
		return admission;
	}

	private boolean takeConnection() {
		while (true) {
			int current = this.open.get();
			if (current >= this.maxConnections) {
				return false;
			}
			if (this.open.compareAndSet(current, current + 1)) {
				return true;
			}
		}
	}

	private void refused(Refusal refusal, InetAddress address, String why) {
		this.metrics.refused(refusal);
		this.log.warn(refusal.name(), address.getHostAddress(),
				"Refused a connection from " + address.getHostAddress() + " with BUSY: " + why);
	}

	/** An admitted connection closed. */
	void closed() {
		this.open.decrementAndGet();
	}

	/** Open connections, logged in or not. */
	int openConnections() {
		return this.open.get();
	}

	private Admission admitAddress(InetAddress address) {
		if (this.limits.isExempt(address)) {
			return Admission.EXEMPT;
		}
		AddressGroup group = AddressGroup.of(address);
		if (this.limits.connectRate() > 0
				&& !this.connects.computeIfAbsent(group, (key) -> newBucket()).tryConsume(1)) {
			return new Admission(Verdict.CONNECT_RATE, null);
		}
		AtomicInteger count = this.pending.computeIfAbsent(group, (key) -> new AtomicInteger());
		if (count.incrementAndGet() > this.limits.maxPending()) {
			count.decrementAndGet();
			return new Admission(Verdict.PER_ADDRESS, null);
		}
		return new Admission(Verdict.ADMITTED, group);
	}

	/** An admitted connection logged in or closed: its pending place is free. */
	void loggedInOrClosed(Admission admission) {
		if (admission.group() != null) {
			this.pending.computeIfPresent(admission.group(),
					(key, count) -> (count.decrementAndGet() <= 0) ? null : count);
		}
	}

	/**
	 * Drops the buckets of addresses that have been quiet long enough to be full again.
	 */
	void sweep() {
		this.connects.values().removeIf((bucket) -> bucket.getAvailableTokens() >= this.limits.connectBurst());
	}

	private Bucket newBucket() {
		return Bucket.builder()
			.addLimit(Bandwidth.builder()
				.capacity(this.limits.connectBurst())
				.refillGreedy(this.limits.connectRate(), Duration.ofSeconds(1))
				.build())
			.build();
	}

	/**
	 * @param verdict whether the connection was admitted
	 * @param group the group whose pending count it holds, null if none
	 */
	record Admission(Verdict verdict, @Nullable AddressGroup group) {

		static final Admission EXEMPT = new Admission(Verdict.ADMITTED, null);

	}

}
