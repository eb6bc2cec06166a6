package io.github.chatlab.server.chat;

import java.net.InetSocketAddress;

import io.github.chatlab.server.protocol.Reason;
import io.github.chatlab.server.protocol.Reasons;
import io.github.chatlab.server.trace.Trace;

/**
 * A transport's {@link Peer} that records in the client's {@link Trace} every line the
 * chat sends it (O3): replies, refusals, deliveries from other users and bots, pieces of
 * delaybot's lines. Being in the core, it covers both transports and the bots alike.
 */
final class TracedPeer implements Peer {

	final Peer transport;

	private final Trace trace;

	TracedPeer(Peer transport, Trace trace) {
		this.transport = transport;
		this.trace = trace;
	}

	@Override
	public void reply(byte[] line) {
		this.trace.out(line);
		this.transport.reply(line);
	}

	/** An error reply that leaves the connection open, with its reason (O2). */
	void reply(byte[] line, Reason reason) {
		this.trace.out(line, reason);
		this.transport.reply(line);
	}

	@Override
	public Delivery deliver(byte[] prefix, byte[] message, int offset, int length) {
		this.trace.delivery(prefix, message, offset, length);
		return this.transport.deliver(prefix, message, offset, length);
	}

	@Override
	public void replyOnDelivery(Delivery delivery, DeliveryOutcome outcome) {
		this.transport.replyOnDelivery(delivery, (written) -> {
			byte[] line = outcome.reply(written);
			this.trace.out(line);
			return line;
		});
	}

	/**
	 * The reply to a {@code SEND} to {@code to} whose delivery may fail, when its
	 * {@code BAD-DEST-USER} carries S5's reason.
	 */
	void replyOnDelivery(Delivery delivery, DeliveryOutcome outcome, String to, boolean datagram) {
		this.transport.replyOnDelivery(delivery, (written) -> {
			byte[] line = outcome.reply(written);
			this.trace.out(line, written ? null : Reasons.deliveryFailed(to, datagram));
			return line;
		});
	}

	@Override
	public void afterReplies(Runnable task) {
		this.transport.afterReplies(task);
	}

	@Override
	public void refuse(byte[] line) {
		this.trace.out(line);
		this.transport.refuse(line);
	}

	/** A refusal, then the close, for {@code reason} (O2). */
	void refuse(byte[] line, Reason reason) {
		this.trace.refused(line, reason);
		this.transport.refuse(line);
	}

	@Override
	public void loggedIn() {
		this.transport.loggedIn();
	}

	@Override
	public void close(CloseReason reason) {
		this.transport.close(reason);
	}

	@Override
	public InetSocketAddress remoteAddress() {
		return this.transport.remoteAddress();
	}

	@Override
	public String transport() {
		return this.transport.transport();
	}

	@Override
	public boolean messagesAreBytes() {
		return this.transport.messagesAreBytes();
	}

	@Override
	public boolean writePiece(byte[] bytes, int offset, int length, Piece piece) {
		this.trace.piece(bytes, offset, length);
		return this.transport.writePiece(bytes, offset, length, piece);
	}

	@Override
	public String toString() {
		return this.transport.toString();
	}

}
