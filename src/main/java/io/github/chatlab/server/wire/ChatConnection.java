package io.github.chatlab.server.wire;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.integration.ip.tcp.connection.TcpNetConnection;
import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

import io.github.chatlab.server.protocol.Replies;

/**
 * One client's TCP connection: Spring Integration's blocking connection, with a buffered
 * {@link LineInput}, an {@link Outbox} for everything written to it, and the
 * connection-level rules: the limit on connections (L9), the login time-out (L8) and the
 * reply-then-close sequence (L5).
 * <p>
 * Replies to the requests it reads are queued on the reading thread and written together
 * just before that thread blocks for more input; a {@code SEND-OK} is only decided at
 * that point, after the {@code DELIVERY} it answers has been written to the recipient's
 * socket (S4, S5).
 */
public final class ChatConnection extends TcpNetConnection {

	/** The close reason of every connection when the server stops. */
	public static final String SHUTDOWN = "server shutting down";

	private final Socket socket;

	private final WireSettings settings;

	private final ConnectionTracker tracker;

	private final DeliveryListener deliveries;

	private final LineInput input;

	private final Outbox outbox;

	private final boolean admitted;

	private final AtomicBoolean closed = new AtomicBoolean();

	/**
	 * Replies to this connection's requests, in request order: byte[] or
	 * {@link AfterDelivery}.
	 */
	private final List<Object> replies = new ArrayList<>();

	/**
	 * Outboxes this connection's requests queued deliveries on, to flush before the
	 * replies.
	 */
	private final List<Outbox> deliveredTo = new ArrayList<>();

	/** What to start once the queued replies are written. */
	private final List<Runnable> afterReplies = new ArrayList<>();

	private volatile @Nullable ScheduledFuture<?> loginDeadline;

	private volatile String closeReason = "closed by the server";

	ChatConnection(Socket socket, @Nullable ApplicationEventPublisher publisher, @Nullable String factoryName,
			WireSettings settings, ConnectionTracker tracker, DeliveryListener deliveries) throws IOException {

		super(socket, true, false, publisher, factoryName);
		this.socket = socket;
		this.settings = settings;
		this.tracker = tracker;
		this.deliveries = deliveries;
		this.input = new LineInput(socket.getInputStream(), WireSettings.READ_BUFFER_BYTES, settings.maxLineBytes(),
				this::flushReplies);
		this.outbox = new Outbox(socket.getOutputStream(), settings.writeTimeout().toNanos(),
				() -> close("write failed or timed out"));
		this.admitted = tracker.admit(this);
		if (this.admitted) {
			this.loginDeadline = tracker.schedule(
					() -> close("no login within " + settings.loginTimeout().toMillis() + " ms"),
					settings.loginTimeout());
		}
	}

	@Override
	protected InputStream inputStream() {
		return this.input;
	}

	@Override
	public void run() {
		if (!this.admitted) {
			closeAfter(Replies.BUSY); // L9
			return;
		}
		super.run();
	}

	/**
	 * The queue of everything written to this connection, for deliveries from other
	 * connections.
	 */
	public Outbox outbox() {
		return this.outbox;
	}

	/**
	 * Queues a reply to the request being handled; it is written before this connection
	 * reads again.
	 */
	public void reply(byte[] line) {
		this.replies.add(line);
	}

	/**
	 * Queues the reply to a {@code SEND} whose {@code DELIVERY} is line {@code sequence}
	 * of {@code recipient}: {@code written} if that line reaches the recipient's socket,
	 * else {@code notWritten} (S4, S5).
	 */
	public void replyAfterDelivery(Outbox recipient, long sequence, byte[] written, byte[] notWritten) {
		if (this.deliveredTo.isEmpty() || this.deliveredTo.get(this.deliveredTo.size() - 1) != recipient) {
			this.deliveredTo.add(recipient);
		}
		this.replies.add(new AfterDelivery(recipient, sequence, written, notWritten, System.nanoTime()));
	}

	/**
	 * Runs {@code task} once the replies queued so far have been written (or queued
	 * behind a bot's line).
	 */
	public void afterReplies(Runnable task) {
		this.afterReplies.add(task);
	}

	/**
	 * Writes the queued deliveries, then the replies, in request order. Only the reading
	 * thread calls it.
	 */
	void flushReplies() {
		if (this.replies.isEmpty()) {
			return;
		}
		for (Outbox recipient : this.deliveredTo) {
			recipient.flush();
		}
		this.deliveredTo.clear();
		for (Object reply : this.replies) {
			this.outbox
				.enqueue((reply instanceof byte[] line) ? line : ((AfterDelivery) reply).outcome(this.deliveries));
		}
		this.replies.clear();
		this.outbox.flushUnlessHeld();
		if (!this.afterReplies.isEmpty()) {
			this.afterReplies.forEach(Runnable::run);
			this.afterReplies.clear();
		}
	}

	/**
	 * L5: writes {@code line} after the queued replies, shuts down output, discards the
	 * client's input for at most {@code chat.close-linger}, then closes; so the client
	 * can read the reply even if it sent more.
	 */
	public void closeAfter(byte[] line) {
		reply(line);
		flushReplies();
		try {
			this.socket.shutdownOutput();
			long deadline = System.nanoTime() + this.settings.closeLinger().toNanos();
			long remaining;
			while ((remaining = deadline - System.nanoTime()) > 0) {
				this.socket.setSoTimeout((int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(remaining)));
				if (!this.input.discardSome()) {
					break;
				}
			}
		}
		catch (IOException ex) {
			// a time-out ends the linger; a reset means the client is gone already
		}
		close("closed after a refusal or protocol error");
	}

	/** Stops the login time-out (L8). */
	public void loggedIn() {
		ScheduledFuture<?> deadline = this.loginDeadline;
		if (deadline != null) {
			deadline.cancel(false);
		}
	}

	/** Why the connection ended, for the logs: set by whoever closed it first. */
	public String closeReason() {
		return this.closeReason;
	}

	boolean isStalled(long now, long writeTimeoutNanos) {
		return this.outbox.isStalled(now, writeTimeoutNanos);
	}

	/** Closes the connection, recording why, unless it is closed already. */
	public void close(String reason) {
		if (!this.closed.get()) {
			this.closeReason = reason;
		}
		close();
	}

	/**
	 * Closes the socket, but first tells the listeners (the session registry): by the
	 * time a client sees its connection end, its name is free and no LIST shows it (L7).
	 * Spring Integration publishes the same event again after closing the socket; the
	 * registry ignores the second one.
	 */
	@Override
	public void close() {
		if (this.closed.compareAndSet(false, true)) {
			this.outbox.close();
			loggedIn();
			if (this.admitted) {
				this.tracker.release(this);
			}
			publishConnectionCloseEvent();
		}
		super.close();
	}

	@Override
	protected boolean handleReadException(Exception exception) {
		Throwable cause = (exception instanceof UncheckedIOException unchecked) ? unchecked.getCause() : exception;
		if (cause instanceof SoftEndOfStreamException || cause instanceof EOFException) {
			close("client closed the connection");
		}
		else if (cause instanceof SocketTimeoutException) {
			close("read timed out");
		}
		else if (cause instanceof SocketException && !this.closed.get()) {
			close("connection reset or broken: " + cause.getMessage());
		}
		else {
			close(this.closeReason);
		}
		return true;
	}

	@Override
	public String toString() {
		return getConnectionId();
	}

	/** A SEND's reply, decided when the replies are written (S4, S5). */
	private record AfterDelivery(Outbox recipient, long sequence, byte[] written, byte[] notWritten, long sendNanos) {

		byte[] outcome(DeliveryListener listener) {
			if (this.recipient.isWritten(this.sequence)) {
				listener.written(System.nanoTime() - this.sendNanos);
				return this.written;
			}
			listener.notWritten();
			return this.notWritten;
		}

	}

}
