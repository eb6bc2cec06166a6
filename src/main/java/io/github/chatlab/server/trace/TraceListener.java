package io.github.chatlab.server.trace;

/**
 * Hears every connection's life and lines as they happen (O3): the console's live stream
 * and a student's own server printing its trace (O8) implement it. Every callback runs on
 * the thread of whatever happened (a connection's reader, a sender, a timer), so it must
 * return at once and never block: hand the event to a bounded queue, drop when full. With
 * no listener beans, nothing is rendered for anyone.
 */
public interface TraceListener {

	/** A connection opened (TCP) or sent its first datagram (UDP). */
	default void opened(Trace trace) {
	}

	/** A line went in or out, or a note was made; {@code entry} is already rendered. */
	default void entry(Trace trace, TraceEntry entry) {
	}

	/** The connection logged in as {@link Trace#name()}. */
	default void loggedIn(Trace trace) {
	}

	/** The connection ended, with its reason. */
	default void closed(ClosedConnection closed) {
	}

	/**
	 * Whether this listener wants {@link #entry} calls now, asked on every line: a
	 * listener that only sometimes has anyone to tell (a live stream with no subscriber)
	 * answers false meanwhile, and no entry is rendered for it. Must be cheap (a volatile
	 * read).
	 */
	default boolean hearsEntries() {
		return true;
	}

	/**
	 * Whether this listener gets entries with message text shown (O8, for a student's own
	 * server); false gives every listener the text as {@code chat.trace.bodies} says.
	 */
	default boolean bodies() {
		return false;
	}

}
