package io.github.chatlab.server.udp;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

import io.github.bucket4j.Bucket;
import org.jspecify.annotations.Nullable;

import io.github.chatlab.server.chat.CloseReason;
import io.github.chatlab.server.chat.Delivery;
import io.github.chatlab.server.chat.Peer;
import io.github.chatlab.server.chat.Session;
import io.github.chatlab.server.protocol.Replies;
import io.github.chatlab.server.udp.fault.FaultCommand;
import io.github.chatlab.server.udp.fault.FaultSettings;
import io.github.chatlab.server.udp.fault.UnreliableChannel;

/**
 * One UDP client, its source address and port (U1), as the chat state machine's
 * {@link Peer}. There is no connection: every line for it is one datagram, sent at once
 * through its own {@link UnreliableChannel} (U6), whose verdict it hands to the
 * {@link UdpOutbox} with its address. Its requests are handled on its {@link ClientLane};
 * "then close" means its login attempt is forgotten, and closing it calls back whoever
 * logged it in, which logs its user out (L7).
 */
public final class UdpPeer implements Peer {

	/** {@link Peer#transport()} of every UDP client. */
	public static final String TRANSPORT = "udp";

	private final String id;

	private final InetSocketAddress address;

	private final UnreliableChannel channel;

	private final UdpOutbox outbox;

	private final ClientLane lane;

	private final Bucket budget;

	private final BiConsumer<UdpPeer, CloseReason> onClose;

	/** Touched by the lane only, one request at a time. */
	private final List<Runnable> afterReplies = new ArrayList<>();

	private final DatagramLineGatherer pieces = new DatagramLineGatherer();

	private volatile @Nullable Session session;

	private volatile long lastHeardNanos;

	private volatile boolean closed;

	UdpPeer(String id, InetSocketAddress address, UnreliableChannel channel, UdpOutbox outbox, ClientLane lane,
			Bucket budget, long nowNanos, BiConsumer<UdpPeer, CloseReason> onClose) {
		this.id = id;
		this.address = address;
		this.channel = channel;
		this.outbox = outbox;
		this.lane = lane;
		this.budget = budget;
		this.lastHeardNanos = nowNanos;
		this.onClose = onClose;
	}

	String id() {
		return this.id;
	}

	ClientLane lane() {
		return this.lane;
	}

	/** Its datagram budget (U7), taken from on the receiving thread only. */
	Bucket budget() {
		return this.budget;
	}

	@Nullable Session session() {
		return this.session;
	}

	void attach(Session session) {
		this.session = session;
	}

	/** Any request refreshes the address (U3). */
	void heard(long nowNanos) {
		this.lastHeardNanos = nowNanos;
	}

	boolean isIdle(long nowNanos, long idleNanos) {
		return nowNanos - this.lastHeardNanos > idleNanos;
	}

	boolean isClosed() {
		return this.closed;
	}

	/** Marks it closed; true for the first call only. */
	synchronized boolean markClosed() {
		if (this.closed) {
			return false;
		}
		this.closed = true;
		this.lane.close();
		this.pieces.abandon();
		return true;
	}

	/** This client's fault settings now, for {@code /actuator/chat} (U7). */
	public FaultSettings faultSettings() {
		return this.channel.settings();
	}

	/**
	 * Carries out a fault request on this client's channel and sends the reply:
	 * {@code SET-OK} and {@code VALUE} untouched, {@code BAD-RQST-BODY} faulted (U5, U6).
	 */
	void answer(FaultCommand command) {
		UnreliableChannel.Reply reply = this.channel.answer(command);
		Session traced = this.session;
		if (traced != null) {
			// traced before it is sent, as the chat's replies are (O3)
			traced.trace().out(reply.datagram());
		}
		if (!reply.faultFree()) {
			transmit(reply.datagram());
		}
		else if (!this.closed) {
			this.outbox.send(this.address, reply.datagram());
		}
	}

	/** Sent at once: a datagram is a whole line, and replies leave in request order. */
	@Override
	public void reply(byte[] line) {
		transmit(DatagramLines.fitted(line, this.outbox.maxDatagramBytes()));
	}

	/**
	 * Handed to the socket at once, which is "written" on UDP (U4), even if its faults
	 * then lose it. A line longer than {@code max-datagram-bytes} is not sent, and its
	 * sender gets {@code BAD-DEST-USER}: this client reads at most that much of a
	 * datagram (U1) and would only ever see the message cut.
	 */
	@Override
	public Delivery deliver(byte[] prefix, byte[] message, int offset, int length) {
		if (this.closed || prefix.length + length + 1 > this.outbox.maxDatagramBytes()) {
			return Delivery.FAILED;
		}
		transmit(Replies.delivery(prefix, message, offset, length));
		return Delivery.HANDED_OVER;
	}

	/**
	 * Runs on this client's lane, so waiting for a TCP recipient's write (S4, up to the
	 * write time-out) holds up this client alone (S7).
	 */
	@Override
	public void replyOnDelivery(Delivery delivery, DeliveryOutcome outcome) {
		reply(outcome.reply(delivery.complete()));
	}

	/** Held until the request being handled has been answered. */
	@Override
	public void afterReplies(Runnable task) {
		this.afterReplies.add(task);
	}

	/** Called by the lane once a request has been handled and answered. */
	void answered() {
		if (!this.afterReplies.isEmpty()) {
			List<Runnable> tasks = List.copyOf(this.afterReplies);
			this.afterReplies.clear();
			tasks.forEach(Runnable::run);
		}
	}

	/**
	 * Sends the refusal; the server then forgets the attempt, so the address may try
	 * again (there is no connection to close).
	 */
	@Override
	public void refuse(byte[] line) {
		reply(line);
	}

	@Override
	public void loggedIn() {
	}

	@Override
	public void close(CloseReason reason) {
		this.onClose.accept(this, reason);
	}

	@Override
	public InetSocketAddress remoteAddress() {
		return this.address;
	}

	@Override
	public String transport() {
		return TRANSPORT;
	}

	/**
	 * As on the lab's own server, so that students can build their reliability layer
	 * (checksums, sequence numbers, binary frames) inside messages (U9).
	 */
	@Override
	public boolean messagesAreBytes() {
		return true;
	}

	/**
	 * A datagram is a line (U1), so the pieces are gathered and each line goes out whole,
	 * as one datagram, once its LF has come ({@link DatagramLineGatherer}). A line longer
	 * than {@code max-datagram-bytes} is not sent, as in {@link #deliver}.
	 */
	@Override
	public boolean writePiece(byte[] bytes, int offset, int length, Piece piece) {
		if (this.closed) {
			return false;
		}
		List<byte[]> lines = this.pieces.add(bytes, offset, length, piece);
		for (byte[] line : lines) {
			if (this.closed || line.length > this.outbox.maxDatagramBytes()) {
				return false;
			}
			transmit(line);
		}
		return !this.closed;
	}

	/** Sends {@code datagram} through this client's unreliable channel (U6). */
	private void transmit(byte[] datagram) {
		if (!this.closed) {
			this.outbox.send(this.address, this.channel.transmit(datagram));
		}
	}

	@Override
	public String toString() {
		return this.id;
	}

}
