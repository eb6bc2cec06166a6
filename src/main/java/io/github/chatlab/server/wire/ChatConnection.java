package io.github.chatlab.server.wire;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.integration.ip.tcp.connection.TcpListener;
import org.springframework.integration.ip.tcp.connection.TcpNetConnection;

import io.github.chatlab.server.chat.ChatService;
import io.github.chatlab.server.chat.CloseReason;
import io.github.chatlab.server.chat.Delivery;
import io.github.chatlab.server.chat.Peer;
import io.github.chatlab.server.chat.Session;
import io.github.chatlab.server.protocol.Reason;
import io.github.chatlab.server.protocol.Reasons;
import io.github.chatlab.server.protocol.Replies;

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

	private final ConnectionContext context;

	private final LineInput input;

	private final Outbox outbox;

	private final ReplyBatch replies;

	/** Null when the connection was refused (L9, L10). */
	private final @Nullable ConnectionTracker.LoginWait loginWait;

	/** Why it was refused at connect (L9, L10), null when admitted. */
	private volatile @Nullable Reason refusal;

	private volatile boolean refusalKept;

	private final AtomicBoolean closed = new AtomicBoolean();

	/**
	 * Its client in the chat, from {@link ChatService#opened}; null until then. Its trace
	 * takes the close's reason (O2).
	 */
	private volatile @Nullable Session session;

	/** Set when a refused connection's socket is handed to the {@link Lingerer}. */
	private volatile boolean lingering;

	ChatConnection(Socket socket, @Nullable ApplicationEventPublisher publisher, @Nullable String factoryName,
			ConnectionContext context) throws IOException {

		super(socket, true, false, publisher, factoryName);
		this.socket = socket;
		this.context = context;
		WireSettings settings = context.settings();
		this.input = new LineInput(socket.getInputStream(), WireSettings.READ_BUFFER_BYTES, settings.maxLineBytes(),
				this::flushReplies);
		this.outbox = new Outbox(socket.getOutputStream(), settings.writeTimeout().toNanos(),
				() -> close(CloseReason.WRITE_FAILED));
		this.replies = new ReplyBatch(this.outbox, settings.maxQueuedBytes(),
				() -> note(Reasons.memoryPaused(settings.maxQueuedBytes())));
		this.loginWait = context.tracker().admit(this);
	}

	@Override
	protected InputStream inputStream() {
		return this.input;
	}

	@Override
	public void run() {
		try {
			if (this.loginWait == null) {
				// L9, L10: kept among the closed connections with its reason (O3), but
				// for the connect rate's, so a flood cannot push out the others faster
				// than that rate
				Reason why = this.refusal;
				if (this.refusalKept) {
					this.context.chat()
						.traces()
						.refused(getConnectionId(), transport(), remoteAddress(), Replies.BUSY,
								(why != null) ? why : Reasons.refused());
				}
				refuse(Replies.BUSY);
				return;
			}
			this.session = this.context.chat().opened(getConnectionId(), this);
			if (this.closed.get()) {
				// closed while starting: nobody else will tell the chat
				this.context.chat().closed(getConnectionId(), CloseReason.SHUTDOWN);
				return;
			}
			Duration timeout = this.context.settings().loginTimeout();
			this.loginWait.start(timeout, () -> close(CloseReason.LOGIN_TIMEOUT,
					Reasons.loginTimeout(timeout, this.input.unterminatedBytes())));
			super.run();
		}
		catch (Throwable ex) {
			failed(ex);
		}
	}

	/** Every line passes the {@link GuardedListener} on its way to the flow. */
	@Override
	public void registerListener(@Nullable TcpListener listener) {
		WireSettings.FloodLimit flood = this.context.settings().flood();
		super.registerListener((listener != null) ? new GuardedListener(listener, LineBudget.of(flood, () -> {
			this.context.tracker().paced();
			note(Reasons.flowPaused(flood.rate(), flood.burst()));
		}), this::flushReplies, this::failed) : null);
	}

	/**
	 * Refused at connect, for {@code reason} (L9, L10); {@code kept} says whether it
	 * joins the closed connections (O3).
	 */
	void refusedFor(Reason reason, boolean kept) {
		this.refusal = reason;
		this.refusalKept = kept;
	}

	/** A note in its trace (O3): something done to the connection, e.g. a pause. */
	private void note(Reason reason) {
		Session current = this.session;
		if (current != null) {
			current.trace().note(reason);
		}
	}

	private void failed(Throwable ex) {
		close(CloseReason.ERROR, Reasons.error(ex));
		logger.warn("Closed " + this + " after an error on its thread: " + ex, (ex instanceof Error) ? null : ex);
	}

	@Override
	public void reply(byte[] line) {
		this.replies.add(line);
	}

	@Override
	public Delivery deliver(byte[] prefix, byte[] message, int offset, int length) {
		long sequence = this.outbox.enqueue(prefix, message, offset, length);
		return (sequence < 0) ? Delivery.FAILED : new OutboxDelivery(this.outbox, sequence);
	}

	@Override
	public void replyOnDelivery(Delivery delivery, DeliveryOutcome outcome) {
		this.replies.addOnDelivery(delivery, outcome);
	}

	@Override
	public void afterReplies(Runnable task) {
		this.replies.afterReplies(task);
	}

	/** Writes the replies so far. Only the reading thread calls it. */
	void flushReplies() {
		this.replies.write();
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
		this.input.stop();
		this.lingering = this.context.tracker().linger(this.socket);
		close(this.lingering ? CloseReason.REFUSED : CloseReason.RESET);
	}

	@Override
	public void loggedIn() {
		if (this.loginWait != null) {
			this.loginWait.end();
		}
	}

	@Override
	public boolean writePiece(byte[] bytes, int offset, int length, Piece piece) {
		return this.outbox.hold().write(bytes, offset, length, piece);
	}

	@Override
	public InetSocketAddress remoteAddress() {
		return (InetSocketAddress) this.socket.getRemoteSocketAddress();
	}

	@Override
	public String transport() {
		return "tcp";
	}

	/** Its client in the chat, for {@link ChatInbound}; null before it opened. */
	@Nullable Session session() {
		return this.session;
	}

	boolean isStalled(long now) {
		return this.outbox.isStalled(now);
	}

	/** Bytes queued for its socket, for the write time-out's reason (S7). */
	int queuedBytes() {
		return this.outbox.queuedBytes();
	}

	/**
	 * Ends the connection as {@link #close(CloseReason)} does, with O2's reason for it,
	 * unless the trace was given one before (a refusal).
	 */
	void close(CloseReason reason, Reason why) {
		Session current = this.session;
		if (current != null && !this.closed.get()) {
			current.trace().closing(why);
		}
		close(reason);
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
			if (this.loginWait != null) {
				this.context.chat().closed(getConnectionId(), reason);
				this.context.tracker().release(this);
			}
			if (!this.lingering) {
				super.close();
			}
			this.outbox.hold().wakeWaiters();
			this.context.forget(getConnectionId());
		}
	}

	@Override
	public void close() {
		close(CloseReason.SHUTDOWN);
	}

	@Override
	protected boolean handleReadException(Exception exception) {
		Throwable cause = ReadFailures.cause(exception);
		CloseReason reason = ReadFailures.reasonFor(cause);
		if (reason == CloseReason.RESET) {
			close(reason, Reasons.reset(cause.getMessage()));
		}
		else if (reason != null) {
			close(reason);
		}
		else {
			failed(cause);
		}
		return true;
	}

	/**
	 * Spring Integration publishes an application event as each connection opens, closes
	 * or fails; nothing here listens to them, and each one is built and offered to every
	 * application listener on the connection's thread. The chat learns of connections
	 * through {@link ChatService#opened} and {@link ChatService#closed} instead.
	 */
	@Override
	protected void publishConnectionOpenEvent() {
	}

	@Override
	protected void publishConnectionCloseEvent() {
	}

	@Override
	protected void publishConnectionExceptionEvent(Throwable cause) {
	}

	@Override
	public String toString() {
		return getConnectionId();
	}

}
