package io.github.chatlab.server.chat;

import java.time.Instant;
import java.util.concurrent.atomic.LongAdder;

import org.jspecify.annotations.Nullable;

import io.github.chatlab.server.protocol.Reason;
import io.github.chatlab.server.protocol.Replies;
import io.github.chatlab.server.trace.Trace;

/**
 * The chat state of one client: who it is logged in as, if anyone, and its {@link Trace}
 * (O3). Its login fields change only under the {@link SessionRegistry}'s lock, so a login
 * and a disconnect can never cross. Its {@link #peer()} records in the trace every line
 * the chat sends it, whoever sends it (the state machine, a bot, another user's
 * delivery), over either transport.
 */
public final class Session {

	private final String id;

	private final TracedPeer peer;

	private final Trace trace;

	private volatile @Nullable String name;

	private volatile byte[] deliveryPrefix = new byte[0];

	private volatile @Nullable Instant loggedInAt;

	private final LongAdder sent = new LongAdder();

	private final LongAdder received = new LongAdder();

	/** Guarded by the registry. */
	private boolean ended;

	Session(String id, Peer peer, Trace trace) {
		this.id = id;
		this.trace = trace;
		this.peer = new TracedPeer(peer, trace);
	}

	/** The transport's id for the client: a connection id, or a datagram address. */
	public String id() {
		return this.id;
	}

	/** The client, every line sent to it traced. */
	public Peer peer() {
		return this.peer;
	}

	/** The transport's own peer, untraced, for a transport-specific view (U7). */
	public Peer transportPeer() {
		return this.peer.transport;
	}

	/** Its last lines in and out (O3). */
	public Trace trace() {
		return this.trace;
	}

	/** When the client connected (TCP) or sent its first datagram (UDP). */
	public Instant since() {
		return this.trace.opened();
	}

	/** Lines read from the client. */
	public long linesIn() {
		return this.trace.linesIn();
	}

	/** Lines sent to the client. */
	public long linesOut() {
		return this.trace.linesOut();
	}

	/** Error replies and refusals the client got (O2). */
	public long errors() {
		return this.trace.errors();
	}

	public boolean isLoggedIn() {
		return this.name != null;
	}

	public @Nullable String name() {
		return this.name;
	}

	public @Nullable Instant loggedInAt() {
		return this.loggedInAt;
	}

	/** Messages this user sent that were handed on for delivery. */
	public long sent() {
		return this.sent.sum();
	}

	/** Messages handed on for delivery to this user. */
	public long received() {
		return this.received.sum();
	}

	void countSent() {
		this.sent.increment();
	}

	void countReceived() {
		this.received.increment();
	}

	@Override
	public String toString() {
		String user = this.name;
		return ((user != null) ? user + " " : "") + "(" + this.peer.remoteAddress().getAddress().getHostAddress() + ":"
				+ this.peer.remoteAddress().getPort() + ")";
	}

	/**
	 * Ends the connection for {@code reason}, with O2's explanation of it (a kick, a
	 * ban), unless one was given before; the user is logged out at once (L7).
	 */
	public void close(CloseReason reason, Reason why) {
		this.trace.closing(why);
		this.peer.close(reason);
	}

	/** The traced peer, for replies that carry a reason (O2). */
	TracedPeer tracedPeer() {
		return this.peer;
	}

	/** {@code DELIVERY <name> }, the start of every message this user sends (S4). */
	byte[] deliveryPrefix() {
		return this.deliveryPrefix;
	}

	void logIn(String name) {
		this.deliveryPrefix = Replies.deliveryPrefix(name);
		this.loggedInAt = Instant.now();
		this.name = name;
	}

	boolean hasEnded() {
		return this.ended;
	}

	void end() {
		this.ended = true;
	}

}
