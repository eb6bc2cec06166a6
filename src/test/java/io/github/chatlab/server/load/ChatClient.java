package io.github.chatlab.server.load;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * One simulated chat user on the event loop: logs in, sends SENDs on its {@link Outbound}
 * flow (if any), checks every DELIVERY it gets (body intact, exactly once, in order) and
 * records latencies in the run's {@link Stats}. What to do next is decided by its
 * {@link Listener}, the scenario.
 */
final class ChatClient implements ConnectionHandler {

	/** What a scenario hears from its clients; all on the loop thread. */
	interface Listener {

		default void loggedIn(ChatClient client) {
		}

		/**
		 * Login refused ({@code BUSY}, {@code IN-USE}, …), or the connection ended before
		 * {@code HELLO}.
		 */
		default void loginFailed(ChatClient client, String why) {
		}

		/** A SEND got its reply ({@code SEND-OK} or {@code BAD-DEST-USER}). */
		default void replied(ChatClient client, boolean accepted) {
		}

		default void listed(ChatClient client, String line, long nanos) {
		}

		default void closed(ChatClient client) {
		}

	}

	private static final String DELIVERY = "DELIVERY ";

	private final String name;

	private final Stats stats;

	private final Listener listener;

	private final int bodySize;

	private final Map<String, Inbound> inbound = new HashMap<>();

	private Inbound mergedInbound;

	private Outbound outbound;

	private Connection connection;

	private long connectStart;

	private long listStart = -1;

	private boolean online;

	private boolean loginSettled;

	ChatClient(String name, Stats stats, Listener listener, int bodySize) {
		this.name = name;
		this.stats = stats;
		this.listener = listener;
		this.bodySize = bodySize;
	}

	String name() {
		return this.name;
	}

	boolean online() {
		return this.online && this.connection != null && this.connection.isOpen();
	}

	Outbound outbound() {
		return this.outbound;
	}

	/**
	 * Makes this client send to {@code receiver}, which then expects this client's
	 * deliveries in order.
	 */
	void sendTo(ChatClient receiver) {
		Inbound peer = new Inbound(true);
		receiver.inbound.put(this.name, peer);
		this.outbound = new Outbound(receiver.name, peer);
	}

	/**
	 * Sends to {@code receiverName}, whose deliveries from all senders are counted in
	 * {@code peer}.
	 */
	void sendTo(String receiverName, Inbound peer) {
		this.outbound = new Outbound(receiverName, peer);
	}

	/**
	 * All deliveries, from whoever, go to one unordered record (many one-message senders,
	 * as in churn).
	 */
	Inbound mergeInbound() {
		this.mergedInbound = new Inbound(false);
		return this.mergedInbound;
	}

	/** Connects and logs in. Loop thread only. */
	void start(EventLoop loop, InetSocketAddress target, InetAddress source) {
		this.connectStart = MessageBody.now();
		this.connection = loop.connect(target, source, this);
	}

	/**
	 * Sends the next message of this client's flow; {@code intendedNanos} is when the
	 * pacer wanted it.
	 */
	void sendNext(long intendedNanos) {
		long seq = this.outbound.takeSeq();
		sendMessage(seq, intendedNanos);
	}

	/**
	 * Sends message {@code seq} of this client's flow (the caller numbers the messages).
	 */
	void sendMessage(long seq, long intendedNanos) {
		long now = MessageBody.now();
		String body = MessageBody.encode(seq, now, Math.max(0, now - intendedNanos), this.bodySize);
		this.connection.send("SEND " + this.outbound.to() + " " + body);
		this.outbound.pending(seq, now);
		this.stats.sent++;
	}

	void list() {
		this.listStart = MessageBody.now();
		this.connection.send("LIST");
	}

	void close(boolean reset) {
		if (this.connection != null) {
			this.connection.close(reset);
		}
	}

	@Override
	public void onConnected(Connection connection) {
		Stats.record(this.stats.connect, MessageBody.now() - this.connectStart);
		connection.send("HELLO-FROM " + this.name);
	}

	@Override
	public void onLine(Connection connection, String line) {
		if (line.startsWith(DELIVERY)) {
			delivery(line);
		}
		else if (!this.online) {
			loginReply(line);
		}
		else if (line.equals("SEND-OK") || line.equals("BAD-DEST-USER")) {
			sendReply(line);
		}
		else if (line.startsWith("LIST-OK ") && this.listStart >= 0) {
			long nanos = MessageBody.now() - this.listStart;
			this.listStart = -1;
			this.listener.listed(this, line, nanos);
		}
		else {
			this.stats.unexpectedLines++;
			this.stats.note("unexpected line: " + printable(line));
		}
	}

	private void loginReply(String line) {
		if (line.equals("HELLO " + this.name)) {
			this.online = true;
			this.loginSettled = true;
			this.stats.logins++;
			Stats.record(this.stats.login, MessageBody.now() - this.connectStart);
			this.listener.loggedIn(this);
			return;
		}
		this.stats.loginRefused++;
		this.stats.note("HELLO-FROM answered " + printable(line));
		this.loginSettled = true;
		this.listener.loginFailed(this, line);
	}

	private void sendReply(String line) {
		boolean accepted = line.equals("SEND-OK");
		if (this.outbound == null) {
			this.stats.unexpectedLines++;
			this.stats.note("SEND reply to a client that sent no SEND: " + printable(line));
			return;
		}
		long sent = this.outbound.replied(accepted);
		if (sent < 0) {
			this.stats.unexpectedLines++;
			this.stats.note("more SEND replies than SENDs");
			return;
		}
		if (accepted) {
			this.stats.sendOks++;
			Stats.record(this.stats.sendOk, MessageBody.now() - sent);
		}
		else {
			this.stats.badDest++;
			this.stats.note("BAD-DEST-USER for a SEND to a logged-in user");
		}
		this.listener.replied(this, accepted);
	}

	private void delivery(String line) {
		int space = line.indexOf(' ', DELIVERY.length());
		MessageBody.Decoded body = space < 0 ? null : MessageBody.decode(line, space + 1);
		if (body == null || (this.bodySize > 0 && body.length() < this.bodySize)) {
			this.stats.corrupt++;
			this.stats.note("damaged DELIVERY: " + printable(line));
			return;
		}
		String from = line.substring(DELIVERY.length(), space);
		Inbound flow = this.mergedInbound != null ? this.mergedInbound : this.inbound.get(from);
		if (flow == null) {
			this.stats.corrupt++;
			this.stats.note("DELIVERY from a user that sent nothing to this client: " + printable(line));
			return;
		}
		long now = MessageBody.now();
		this.stats.delivered++;
		Stats.record(this.stats.delivery, now - body.sentNanos());
		Stats.record(this.stats.deliveryFromIntended, now - body.sentNanos() + body.lagNanos());
		flow.accept(body.seq());
	}

	@Override
	public void onClosed(Connection connection, Throwable cause) {
		boolean wasOnline = this.online;
		this.online = false;
		if (!connection.closedByUs()) {
			if (!this.loginSettled) {
				this.stats.connectFailures++;
				this.stats
					.note("connection ended before HELLO: " + (cause == null ? "closed by server" : cause.toString()));
				this.loginSettled = true;
				this.listener.loginFailed(this, cause == null ? "closed" : cause.toString());
			}
			else if (wasOnline) {
				this.stats.unexpectedCloses++;
				this.stats.note("server closed a logged-in client: " + (cause == null ? "FIN" : cause.toString()));
			}
		}
		this.listener.closed(this);
	}

	/** How many users a {@code LIST-OK} line names. */
	static int names(String listOk) {
		String names = listOk.substring("LIST-OK ".length());
		return names.isEmpty() ? 0 : names.split(",", -1).length;
	}

	private static String printable(String line) {
		StringBuilder out = new StringBuilder();
		for (int i = 0; i < line.length() && out.length() < 100; i++) {
			char c = line.charAt(i);
			out.append(c < 0x20 || c == 0x7f ? String.format("\\x%02x", (int) c) : String.valueOf(c));
		}
		return out.toString();
	}

}
