package io.github.chatlab.server.chat;

import java.net.InetSocketAddress;

/**
 * What the chat state machine can ask of a client, whatever carries its lines: TCP today,
 * UDP next. The state machine decides what to answer; the transport decides how and when
 * the bytes reach the client, within the rules it is given here.
 */
public interface Peer {

	/**
	 * Queues a reply to the request being handled. Replies reach the client whole and in
	 * the order of its requests (S6).
	 */
	void reply(byte[] line);

	/**
	 * Queues a {@code DELIVERY} line for this peer: {@code prefix}, then
	 * {@code message[offset, offset + length)}, then LF. Any thread may call it; it never
	 * waits on this peer's socket.
	 * @return the handle its sender's reply waits on, {@link Delivery#FAILED} when this
	 * peer is gone
	 */
	Delivery deliver(byte[] prefix, byte[] message, int offset, int length);

	/**
	 * Queues the reply to a {@code SEND} whose {@code DELIVERY} is {@code delivery}: the
	 * reply is chosen by {@code outcome} once the delivery has reached the recipient or
	 * failed, and takes its place among this peer's replies in request order (S4, S6).
	 */
	void replyOnDelivery(Delivery delivery, DeliveryOutcome outcome);

	/**
	 * Runs {@code task} once the replies queued so far are on their way, so that what a
	 * bot sends back comes after the {@code SEND-OK} that answered the message.
	 */
	void afterReplies(Runnable task);

	/**
	 * Sends {@code line} as a refusal and then ends the connection, so that the client
	 * can read the reply even if it sent more (L5).
	 */
	void refuse(byte[] line);

	/** The user logged in: whatever waited for a login stops waiting (L8). */
	void loggedIn();

	/**
	 * Ends the connection, recording why; the user, if any, is logged out at once (L7).
	 */
	void close(CloseReason reason);

	/** Where the client is, for logs, limits and the operator's view. */
	InetSocketAddress remoteAddress();

	/** The transport's name, {@code tcp} or {@code udp}, for the operator's view. */
	String transport();

	/**
	 * Whether this client's messages are bytes rather than text (U9): it may send, and be
	 * delivered, a message with any byte but LF. Not for a client promised text (F3, S2),
	 * as every TCP client is.
	 */
	default boolean messagesAreBytes() {
		return false;
	}

	/**
	 * Writes a line in pieces, for delaybot (a client must reassemble lines that arrive
	 * in pieces): nothing else is written to this peer from the first piece until the
	 * last (S6). Called off every connection's thread; may wait for the socket.
	 * @return false when the peer is gone or the write failed
	 */
	boolean writePiece(byte[] bytes, int offset, int length, Piece piece);

	/** Where a piece of a line written in pieces stands. */
	enum Piece {

		FIRST, MIDDLE, LAST

	}

	/** Chooses a {@code SEND}'s reply once its delivery is decided (S4, S5). */
	@FunctionalInterface
	interface DeliveryOutcome {

		/**
		 * @param written whether the {@code DELIVERY} reached the recipient's socket
		 * @return the reply line for the sender
		 */
		byte[] reply(boolean written);

	}

}
