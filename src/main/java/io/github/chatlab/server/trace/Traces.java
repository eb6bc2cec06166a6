package io.github.chatlab.server.trace;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import io.github.chatlab.server.protocol.Reason;

/**
 * Every open connection's {@link Trace} by its id, and the last {@code chat.trace.closed}
 * closed connections with theirs and why they ended (O3), so "why was I disconnected?"
 * can be answered after the fact. Both are bounded: a closed connection pushes out the
 * oldest. It tells the {@link TraceListener}s everything as it happens; with none, it
 * renders nothing.
 */
public final class Traces {

	private static final Log logger = LogFactory.getLog(Traces.class);

	private final TraceProperties settings;

	private final Map<String, Trace> open = new ConcurrentHashMap<>();

	/** The closed connections, a ring; guarded by itself. */
	private final ClosedConnection[] closed;

	/** Closed connections ever recorded; guarded by {@link #closed}. */
	private long closedCount;

	private volatile List<TraceListener> listeners = List.of();

	private volatile boolean bodyListeners;

	public Traces(TraceProperties settings) {
		this.settings = settings;
		this.closed = new ClosedConnection[settings.closed()];
	}

	public TraceProperties settings() {
		return this.settings;
	}

	/** Sets who hears every connection's life and lines; none by default. */
	public void setListeners(List<TraceListener> listeners) {
		this.bodyListeners = listeners.stream().anyMatch(TraceListener::bodies);
		this.listeners = List.copyOf(listeners);
	}

	/** A new connection's trace, listed among the open ones until {@link #closed}. */
	public Trace open(String id, String transport, InetSocketAddress address) {
		Trace trace = new Trace(this, id, transport, address, Instant.now());
		this.open.put(id, trace);
		for (TraceListener listener : this.listeners) {
			call(() -> listener.opened(trace));
		}
		return trace;
	}

	/** The connection logged in as {@code name}. */
	public void loggedIn(Trace trace, String name) {
		trace.loggedIn(name);
		for (TraceListener listener : this.listeners) {
			call(() -> listener.loggedIn(trace));
		}
	}

	/**
	 * The connection ended: it joins the closed connections with {@code reason} (or the
	 * reason its trace was given before, see {@link Trace#closing}), pushing out the
	 * oldest. Calls after the first for a trace are ignored.
	 * @param closeTag the {@code chat.disconnects} tag of the close
	 */
	public @Nullable ClosedConnection closed(Trace trace, String closeTag, Reason reason) {
		if (!this.open.remove(trace.id(), trace)) {
			return null;
		}
		trace.close();
		Reason why = trace.closeReason();
		if (why == null) {
			why = reason;
		}
		ClosedConnection closed = new ClosedConnection(trace.id(), trace.transport(), trace.address(), trace.port(),
				trace.name(), trace.opened(), Instant.now(), closeTag, why.rule(), why.sentence(),
				trace.frozenEntries());
		if (this.closed.length > 0) {
			synchronized (this.closed) {
				this.closed[(int) (this.closedCount++ % this.closed.length)] = closed;
			}
		}
		for (TraceListener listener : this.listeners) {
			call(() -> listener.closed(closed));
		}
		return closed;
	}

	/**
	 * A connection refused before the chat knew it (L9, L10, an address ban): it is
	 * recorded as closed at once, with its one reply.
	 */
	public @Nullable ClosedConnection refused(String id, String transport, InetSocketAddress address, byte[] reply,
			Reason reason) {
		Trace trace = open(id, transport, address);
		trace.refused(reply, reason);
		return closed(trace, "refused", reason);
	}

	/** The open connection's trace, null when there is none. */
	public @Nullable Trace trace(String id) {
		return this.open.get(id);
	}

	/** The open connections' traces, in no order. */
	public Collection<Trace> open() {
		return List.copyOf(this.open.values());
	}

	/** The closed connections kept, newest first. */
	public List<ClosedConnection> closed() {
		synchronized (this.closed) {
			int size = (int) Math.min(this.closedCount, this.closed.length);
			List<ClosedConnection> newestFirst = new ArrayList<>(size);
			for (int k = 1; k <= size; k++) {
				newestFirst.add(this.closed[(int) ((this.closedCount - k) % this.closed.length)]);
			}
			return newestFirst;
		}
	}

	/** Whether any listener wants this line's entry, so that it is worth rendering. */
	boolean hasListeners() {
		List<TraceListener> current = this.listeners;
		if (current.isEmpty()) {
			return false;
		}
		for (TraceListener listener : current) {
			if (listener.hearsEntries()) {
				return true;
			}
		}
		return false;
	}

	boolean hasBodyListeners() {
		return this.bodyListeners;
	}

	/** Whether deliveries keep their message text: someone may show it. */
	boolean keepsBodies() {
		return this.settings.bodies() || this.bodyListeners;
	}

	void entry(Trace trace, TraceEntry shown, TraceEntry withBodies) {
		for (TraceListener listener : this.listeners) {
			if (listener.hearsEntries()) {
				TraceEntry entry = listener.bodies() ? withBodies : shown;
				call(() -> listener.entry(trace, entry));
			}
		}
	}

	/** A listener that fails must not fail the connection it hears about. */
	private static void call(Runnable callback) {
		try {
			callback.run();
		}
		catch (RuntimeException ex) {
			logger.warn("A trace listener failed: " + ex, ex);
		}
	}

}
