package io.github.chatlab.server.wire;

import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

import io.github.chatlab.server.chat.AddressGroup;
import io.github.chatlab.server.chat.AddressLimits;
import io.github.chatlab.server.chat.ChatMetrics;
import io.github.chatlab.server.chat.ChatMetrics.Refusal;
import io.github.chatlab.server.chat.Gate;
import io.github.chatlab.server.chat.ConnectRate;
import io.github.chatlab.server.chat.ThrottledLog;
import io.github.chatlab.server.protocol.Reason;
import io.github.chatlab.server.protocol.Reasons;

/**
 * Whether a new connection may in: not from a banned address (O4), at most
 * {@code chat.max-connections} open (L9), and per {@link AddressGroup} at most
 * {@code chat.per-address.max-pending} connections not yet logged in, and new connections
 * at most at {@code connect-rate} per second after a burst (L10). Every refusal is
 * counted, and logged at most once a minute per address and reason (R4). Measured before:
 * one address held all 1,024 connections by reopening them as the 30 s login time-out
 * closed them (about 34 connects/s), and every other address got {@code BUSY}. The
 * connect rate is a {@link ConnectRate}, UDP logins have one of their own (U8).
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

	private final ConnectRate connects;

	AdmissionControl(int maxConnections, AddressLimits limits, ChatMetrics metrics, ThrottledLog log, Gate gate) {
		this.maxConnections = maxConnections;
		this.gate = gate;
		this.limits = limits;
		this.metrics = metrics;
		this.log = log;
		this.connects = new ConnectRate(limits);
	}

	/**
	 * Takes a connection, a pending place and a connect for {@code address}, or counts
	 * and logs why not.
	 */
	Admission admit(InetAddress address) {
		Reason banned = this.gate.refusesConnect(address);
		if (banned != null) {
			// before the limits: a banned address takes no place and no token (O4)
			return refused(new Admission(Verdict.BANNED, null), Refusal.BANNED, address.getHostAddress(), banned);
		}
		Admission admission = admitAddress(address);
		if (admission.verdict() == Verdict.ADMITTED && !takeConnection()) {
			loggedInOrClosed(admission);
			admission = new Admission(Verdict.MAX_CONNECTIONS, null);
		}
		String host = address.getHostAddress();
		return switch (admission.verdict()) {
			// a ban's refusal is counted above
			case ADMITTED, BANNED -> admission;
			case MAX_CONNECTIONS ->
				refused(admission, Refusal.MAX_CONNECTIONS, host, Reasons.maxConnections(this.maxConnections));
			case PER_ADDRESS ->
				refused(admission, Refusal.PER_ADDRESS, host, Reasons.addressPending(host, this.limits.maxPending()));
			case CONNECT_RATE -> refused(admission, Refusal.CONNECT_RATE, host,
					Reasons.connectRate(host, this.limits.connectRate(), this.limits.connectBurst()));
		};
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

	private Admission refused(Admission admission, Refusal refusal, String address, Reason why) {
		this.metrics.refused(refusal);
		this.log.warn(refusal.name(), address, "Refused a connection from " + address + " with BUSY: " + why);
		return new Admission(admission.verdict(), null, why);
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
		if (!this.connects.tryTake(group)) {
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
		this.connects.sweep();
	}

	/**
	 * @param verdict whether the connection was admitted
	 * @param group the group whose pending count it holds, null if none
	 * @param reason why it was refused (O2), null when admitted
	 */
	record Admission(Verdict verdict, @Nullable AddressGroup group, @Nullable Reason reason) {

		static final Admission EXEMPT = new Admission(Verdict.ADMITTED, null);

		Admission(Verdict verdict, @Nullable AddressGroup group) {
			this(verdict, group, null);
		}

	}

}
