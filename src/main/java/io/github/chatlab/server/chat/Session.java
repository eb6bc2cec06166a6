package io.github.chatlab.server.chat;

import java.time.Instant;
import java.util.concurrent.atomic.LongAdder;

import org.jspecify.annotations.Nullable;

import io.github.chatlab.server.protocol.Replies;

/**
 * The chat state of one client: who it is logged in as, if anyone. Its login fields
 * change only under the {@link SessionRegistry}'s lock, so a login and a disconnect can
 * never cross.
 */
public final class Session {

	private final String id;

	private final Peer peer;

	private volatile @Nullable String name;

	private volatile byte[] deliveryPrefix = new byte[0];

	private volatile @Nullable Instant loggedInAt;

	private final LongAdder sent = new LongAdder();

	private final LongAdder received = new LongAdder();

	/** Guarded by the registry. */
	private boolean ended;

	Session(String id, Peer peer) {
		this.id = id;
		this.peer = peer;
	}

	/** The transport's id for the client: a connection id, or a datagram address. */
	public String id() {
		return this.id;
	}

	public Peer peer() {
		return this.peer;
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
