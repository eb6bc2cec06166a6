package io.github.chatlab.server.console.audit;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.github.chatlab.server.console.Operator;
import io.github.chatlab.server.console.events.ConsoleEvent;
import io.github.chatlab.server.console.events.ConsoleEvents;

/**
 * The audit of every change made through the console (O6): one INFO line each, naming the
 * operator, their address, the action and its target, and the last
 * {@code chat.console.audit} entries for {@code GET /api/audit}. Viewing is not audited.
 */
public final class Audit {

	private static final Log logger = LogFactory.getLog(Audit.class);

	private final int capacity;

	private final ConsoleEvents events;

	private final Deque<AuditEntry> entries = new ArrayDeque<>();

	public Audit(int capacity, ConsoleEvents events) {
		this.capacity = capacity;
		this.events = events;
	}

	/** Logs and keeps one change. */
	public AuditEntry record(Operator operator, String action, String target, String detail) {
		AuditEntry entry = new AuditEntry(Instant.now(), operator.name(), operator.address(), action, target, detail);
		logger.info("Audit: " + operator.name() + " from " + operator.address() + " " + action + " " + target
				+ (detail.isEmpty() ? "" : " (" + detail + ")"));
		synchronized (this.entries) {
			this.entries.addFirst(entry);
			while (this.entries.size() > this.capacity) {
				this.entries.removeLast();
			}
		}
		this.events.publish(ConsoleEvent.about("audit", entry));
		return entry;
	}

	/** The entries kept, newest first. */
	public List<AuditEntry> entries() {
		synchronized (this.entries) {
			return new ArrayList<>(this.entries);
		}
	}

}
