package io.github.chatlab.server.wire;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import io.github.bucket4j.Bucket;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.integration.ip.tcp.connection.TcpListener;
import org.springframework.integration.ip.tcp.connection.TcpNetConnection;
import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

import io.github.chatlab.server.chat.ChatService;
import io.github.chatlab.server.chat.CloseReason;
import io.github.chatlab.server.chat.Delivery;
import io.github.chatlab.server.chat.Peer;
import io.github.chatlab.server.protocol.Replies;
import io.github.chatlab.server.wire.AddressAdmission.Admission;
import io.github.chatlab.server.wire.AddressAdmission.Verdict;

/**
 * One client's TCP connection, as the chat state machine's {@link Peer}: Spring
 * Integration's blocking connection, reading through a buffered {@link LineInput},
 * answering through a {@link ReplyBatch} written to its {@link Outbox}. It adds the
 * connection's life: admission (L9), the login deadline (L8), refusal then close (L5),
 * and that any failure on its thread, even an {@link OutOfMemoryError}, closes it and
 * frees its name (S8, L7).
 */
public final class ChatConnection extends TcpNetConnection implements Peer {

	private static final Log logger = LogFactory.getLog(ChatConnection.class);

	private final Socket socket;

	private final InetSocketAddress remote;

	private final ConnectionContext context;

	private final LineInput input;

	private final Outbox outbox;

	private final ReplyBatch replies;

	private final boolean admitted;

	/** This connection's place among its address's pending connections (L10). */
	private final AtomicReference<@Nullable Admission> pending;

	private final AtomicBoolean closed = new AtomicBoolean();

	/** Set when a refused connection's socket is handed to the {@link Lingerer}. */
	private volatile boolean lingering;

	private volatile @Nullable ScheduledFuture<?> loginDeadline;

	private @Nullable TcpListener guardedListener;

	/** The client's budget of lines (L11), null when flow control is off. */
	private final @Nullable Bucket flood;

	ChatConnection(Socket socket, @Nullable ApplicationEventPublisher publisher, @Nullable String factoryName,
			ConnectionContext context) throws IOException {

		super(socket, true, false, publisher, factoryName);
		this.socket = socket;
		this.remote = (InetSocketAddress) socket.getRemoteSocketAddress();
		this.context = context;
		WireSettings settings = context.settings();
		this.input = new LineInput(socket.getInputStream(), WireSettings.READ_BUFFER_BYTES, settings.maxLineBytes(),
				this::flushReplies);
		this.outbox = new Outbox(socket.getOutputStream(), settings.writeTimeout().toNanos(),
				() -> close(CloseReason.WRITE_FAILED));
		this.replies = new ReplyBatch(settings.maxQueuedBytes());
		this.flood = settings.flood().newBudget();
		Admission admission = context.tracker().admit(this);
		this.admitted = admission.verdict() == Verdict.ADMITTED;
		this.pending = new AtomicReference<>(this.admitted ? admission : null);
	}

	@Override
	protected InputStream inputStream() {
		return this.input;
	}

	@Override
	public void run() {
		try {
			if (!this.admitted) {
				refuse(Replies.BUSY); // L9
				return;
			}
			this.context.chat().opened(getConnectionId(), this);
			this.loginDeadline = this.context.tracker()
				.schedule(() -> close(CloseReason.LOGIN_TIMEOUT), this.context.settings().loginTimeout());
			super.run();
		}
		catch (Throwable ex) {
			failed(ex);
		}
	}

	/**
	 * Spring Integration's read loop catches exceptions from the flow and reads on, and
	 * lets errors end the thread: either way a failure there must end this connection.
	 */
	@Override
	public @Nullable TcpListener getListener() {
		TcpListener listener = this.guardedListener;
		if (listener == null) {
			TcpListener flow = super.getListener();
			if (flow == null) {
				return null;
			}
			listener = (message) -> {
				try {
					pace();
					flow.onMessage(message);
				}
				catch (Throwable ex) {
					failed(ex);
				}
			};
			this.guardedListener = listener;
		}
		return listener;
	}

	/**
	 * L11: a client over its budget of lines is slowed, never cut off: its replies so far
	 * are written, then this thread (the only one reading its socket) waits for the
	 * budget to refill, and TCP's flow control holds the client back meanwhile.
	 */
	private void pace() throws InterruptedException {
		Bucket budget = this.flood;
		if (budget != null && !budget.tryConsume(1)) {
			flushReplies();
			this.context.tracker().paced();
			budget.asBlocking().consume(1);
		}
	}

	private void failed(Throwable ex) {
		close(CloseReason.ERROR);
		logger.warn("Closed " + this + " after an error on its thread: " + ex, (ex instanceof Error) ? null : ex);
	}

	/** The queue of everything written to this connection. */
	Outbox outbox() {
		return this.outbox;
	}

	@Override
	public void reply(byte[] line) {
		this.replies.add(line);
		if (this.replies.isFull()) {
			flushReplies(); // S8: write before handling another request
		}
	}

	@Override
	public Delivery deliver(byte[] prefix, byte[] message, int offset, int length) {
		long sequence = this.outbox.enqueue(prefix, message, offset, length);
		return (sequence < 0) ? Delivery.FAILED : new OutboxDelivery(this.outbox, sequence);
	}

	@Override
	public void replyOnDelivery(Delivery delivery, DeliveryOutcome outcome) {
		this.replies.addOnDelivery(delivery, outcome);
		if (this.replies.isFull()) {
			flushReplies();
		}
	}

	@Override
	public void afterReplies(Runnable task) {
		this.replies.afterReplies(task);
	}

	/** Writes the replies so far. Only the reading thread calls it. */
	void flushReplies() {
		if (!this.replies.isEmpty()) {
			this.replies.writeTo(this.outbox);
		}
	}

	/**
	 * L5: writes {@code line} after the queued replies and shuts down output; then the
	 * {@link Lingerer} discards the client's input for at most {@code chat.close-linger}
	 * and closes, so the client can read the reply even if it sent more. This thread is
	 * free at once.
	 */
	@Override
	public void refuse(byte[] line) {
		reply(line);
		flushReplies();
		try {
			this.socket.shutdownOutput();
		}
		catch (IOException ex) {
			close(CloseReason.RESET);
			return;
		}
		this.lingering = true;
		this.input.stop();
		close(CloseReason.REFUSED);
		this.context.tracker().linger(this.socket);
	}

	@Override
	public void loggedIn() {
		ScheduledFuture<?> deadline = this.loginDeadline;
		if (deadline != null) {
			deadline.cancel(false);
		}
		Admission admission = this.pending.getAndSet(null);
		if (admission != null) {
			this.context.tracker().release(admission);
		}
	}

	@Override
	public boolean writePiece(byte[] bytes, int offset, int length, Piece piece) {
		return this.outbox.hold().write(bytes, offset, length, piece);
	}

	@Override
	public InetSocketAddress remoteAddress() {
		return this.remote;
	}

	@Override
	public String transport() {
		return "tcp";
	}

	boolean isStalled(long now, long writeTimeoutNanos) {
		return this.outbox.isStalled(now, writeTimeoutNanos);
	}

	/**
	 * Ends the connection: the user is logged out before the socket closes, so by the
	 * time a client sees its connection end its name is free and no {@code LIST} shows it
	 * (L7); then the connection and its buffers are forgotten at once (S8).
	 */
	@Override
	public void close(CloseReason reason) {
		if (this.closed.compareAndSet(false, true)) {
			this.outbox.close();
			loggedIn();
			if (this.admitted) {
				this.context.chat().closed(getConnectionId(), reason);
				this.context.tracker().release(this);
			}
			closeSocket();
			this.outbox.wakeWaiters();
			this.context.forget(getConnectionId());
		}
	}

	@Override
	public void close() {
		close(CloseReason.SHUTDOWN);
	}

	private void closeSocket() {
		if (!this.lingering) {
			super.close();
		}
	}

	@Override
	protected boolean handleReadException(Exception exception) {
		Throwable cause = (exception instanceof UncheckedIOException unchecked) ? unchecked.getCause() : exception;
		if (cause instanceof SoftEndOfStreamException || cause instanceof EOFException) {
			close(CloseReason.CLIENT_CLOSED);
		}
		else if (cause instanceof SocketException) {
			close(CloseReason.RESET);
		}
		else {
			failed(cause);
		}
		return true;
	}

	@Override
	public String toString() {
		return getConnectionId();
	}

	/** A DELIVERY queued on a TCP recipient: line {@code sequence} of its outbox. */
	private record OutboxDelivery(Outbox outbox, long sequence) implements Delivery {

		@Override
		public boolean complete() {
			return this.outbox.isWritten(this.sequence)
					|| (this.outbox.flush() && this.outbox.isWritten(this.sequence));
		}

	}

}
