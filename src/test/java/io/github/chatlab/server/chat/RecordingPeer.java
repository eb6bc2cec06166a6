package io.github.chatlab.server.chat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A peer for unit tests of the state machine: it records what it was asked to send, as
 * text lines, and whether it was refused or closed.
 */
class RecordingPeer implements Peer {

	final List<String> lines = new ArrayList<>();

	final InetSocketAddress remote;

	final String transport;

	CloseReason closedFor;

	boolean refused;

	RecordingPeer(int port) {
		this(port, "test");
	}

	RecordingPeer(int port, String transport) {
		this.remote = new InetSocketAddress("127.0.0.1", port);
		this.transport = transport;
	}

	@Override
	public void reply(byte[] line) {
		this.lines.add(text(line));
	}

	@Override
	public Delivery deliver(byte[] prefix, byte[] message, int offset, int length) {
		this.lines.add(text(prefix) + new String(message, offset, length, StandardCharsets.UTF_8));
		return Delivery.HANDED_OVER;
	}

	@Override
	public void replyOnDelivery(Delivery delivery, DeliveryOutcome outcome) {
		reply(outcome.reply(delivery.complete()));
	}

	@Override
	public void afterReplies(Runnable task) {
		task.run();
	}

	@Override
	public void refuse(byte[] line) {
		reply(line);
		this.refused = true;
	}

	@Override
	public void loggedIn() {
	}

	@Override
	public void close(CloseReason reason) {
		this.closedFor = reason;
	}

	@Override
	public InetSocketAddress remoteAddress() {
		return this.remote;
	}

	@Override
	public String transport() {
		return this.transport;
	}

	@Override
	public boolean writePiece(byte[] bytes, int offset, int length, Piece piece) {
		return false;
	}

	private static String text(byte[] line) {
		String text = new String(line, StandardCharsets.UTF_8);
		return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
	}

}
