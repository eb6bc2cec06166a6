package io.github.chatlab.server.console.events;

import io.github.chatlab.server.trace.ClosedConnection;
import io.github.chatlab.server.trace.Trace;
import io.github.chatlab.server.trace.TraceEntry;
import io.github.chatlab.server.trace.TraceListener;

/**
 * Turns every connection's life into the console's events (O9): {@code connection} when
 * it opens, {@code login}, {@code error} for each error reply or refusal sent to it (with
 * O2's rule and reason; the line that caused it is in its trace, never in the event), and
 * {@code close} with why it ended. Runs on the thread of whatever happened, so it only
 * hands the event on ({@link ConsoleEvents#publish} never waits).
 */
public final class ConsoleTraceListener implements TraceListener {

	private final ConsoleEvents events;

	public ConsoleTraceListener(ConsoleEvents events) {
		this.events = events;
	}

	@Override
	public void opened(Trace trace) {
		if (this.events.subscribers() > 0) {
			this.events.publish(ConsoleEvent.connection("connection", trace.id(), trace.transport(), trace.address(),
					trace.name(), null, null));
		}
	}

	/** Only while a stream is open: one read of a volatile array per line. */
	@Override
	public boolean hearsEntries() {
		return this.events.subscribers() > 0;
	}

	@Override
	public void entry(Trace trace, TraceEntry entry) {
		if (entry.dir() == TraceEntry.Direction.OUT && entry.rule() != null && this.events.subscribers() > 0) {
			this.events.publish(ConsoleEvent.connection("error", trace.id(), trace.transport(), trace.address(),
					trace.name(), entry.rule(), entry.reason()));
		}
	}

	@Override
	public void loggedIn(Trace trace) {
		if (this.events.subscribers() > 0) {
			this.events.publish(ConsoleEvent.connection("login", trace.id(), trace.transport(), trace.address(),
					trace.name(), null, null));
		}
	}

	@Override
	public void closed(ClosedConnection closed) {
		if (this.events.subscribers() > 0) {
			this.events.publish(ConsoleEvent.connection("close", closed.id(), closed.transport(), closed.address(),
					closed.name(), closed.rule(), closed.reason()));
		}
	}

}
