package io.github.chatlab.server.chat;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.github.chatlab.server.chat.ChatMetrics.LoginOutcome;
import io.github.chatlab.server.chat.ChatMetrics.SendOutcome;
import io.github.chatlab.server.protocol.Command;
import io.github.chatlab.server.protocol.Command.ListUsers;
import io.github.chatlab.server.protocol.Command.Login;
import io.github.chatlab.server.protocol.Command.ProtocolError;
import io.github.chatlab.server.protocol.Command.Rejected;
import io.github.chatlab.server.protocol.Command.Request;
import io.github.chatlab.server.protocol.Command.Send;
import io.github.chatlab.server.protocol.CommandParser;
import io.github.chatlab.server.protocol.CommandParser.Bodies;
import io.github.chatlab.server.protocol.Frame;
import io.github.chatlab.server.protocol.Reason;
import io.github.chatlab.server.protocol.Reasons;
import io.github.chatlab.server.protocol.Replies;
import io.github.chatlab.server.trace.TraceProperties;
import io.github.chatlab.server.trace.Traces;

/**
 * The protocol's state machine, one method per command. Every transport enters it the
 * same way: {@link #opened} for a new client, {@link #handle(Session, Frame)} for each of
 * its frames, {@link #closed} when it is gone. It keeps no state of its own (who is
 * logged in where lives in the {@link SessionRegistry}) and knows nothing of sockets or
 * messaging: it talks to each client through its {@link Peer}. It runs on the thread that
 * handles the client's requests, so they are handled one at a time, in order.
 * <p>
 * The path of a {@code SEND} to a user (S4): the {@code DELIVERY} is queued on the
 * recipient's peer, which hands back a {@link Delivery}; the sender's peer queues the
 * reply behind the replies before it and, when it writes them, completes that delivery
 * first (writing it to the recipient's socket if nobody has yet, within the write
 * time-out); only if it was written does the sender get {@code SEND-OK}, else
 * {@code BAD-DEST-USER} and the recipient is disconnected (S5). Every SEND outcome is
 * counted in {@link #answer}.
 * <p>
 * Every frame in, every line out (through each session's traced {@link Peer}) and every
 * close goes to the connection's trace (O3); every error reply, refusal and close carries
 * its reason (O2).
 */
public final class ChatService {

	private static final Log logger = LogFactory.getLog(ChatService.class);

	private final SessionRegistry registry;

	private final CommandParser parser;

	private final ChatMetrics metrics;

	/**
	 * What clients can make happen thousands of times a second is logged once a minute
	 * (R4).
	 */
	private final ThrottledLog quietly = new ThrottledLog(logger);

	private final Traces traces;

	private final Gate gate;

	/**
	 * @param gate the bans every {@code HELLO-FROM} passes, on either transport (O4)
	 */
	public ChatService(SessionRegistry registry, CommandParser parser, ChatMetrics metrics, Traces traces, Gate gate) {
		this.registry = registry;
		this.parser = parser;
		this.metrics = metrics;
		this.traces = traces;
		this.gate = gate;
	}

	public ChatService(SessionRegistry registry, CommandParser parser, ChatMetrics metrics, Traces traces) {
		this(registry, parser, metrics, traces, Gate.OPEN);
	}

	/** A chat whose traces have the default settings, for tests. */
	public ChatService(SessionRegistry registry, CommandParser parser, ChatMetrics metrics) {
		this(registry, parser, metrics, new Traces(TraceProperties.defaults()));
	}

	/** Every connection's trace, open and closed (O3). */
	public Traces traces() {
		return this.traces;
	}

	/** A transport has a new client, known by {@code id} until {@link #closed}. */
	public Session opened(String id, Peer peer) {
		return this.registry.opened(id, peer, this.traces.open(id, peer.transport(), peer.remoteAddress()));
	}

	/**
	 * A transport's client is gone: its name is free at once (L7), and its trace joins
	 * the closed connections with the reason it was given ({@code Trace#closing}) or, if
	 * none, {@code reason}'s (O2, O3).
	 */
	public void closed(String id, CloseReason reason) {
		Session session = this.registry.session(id);
		if (session != null) {
			this.metrics.disconnected(reason);
			Reason why = session.trace().closeReason();
			if (why == null) {
				why = reason.explain();
			}
			if (reason == CloseReason.LOGIN_TIMEOUT) {
				String address = session.peer().remoteAddress().getAddress().getHostAddress();
				this.quietly.warn("login-timeout", address,
						"Closed the connection from " + address + " without a reply: " + why);
			}
			this.traces.closed(session.trace(), reason.tag(), why);
		}
		this.registry.closed(id, reason);
	}

	/** Handles one frame from {@code session}'s client. */
	public void handle(Session session, Frame frame) {
		Command command = this.parser.parse(frame, session.isLoggedIn(),
				session.peer().messagesAreBytes() ? Bodies.BYTES : Bodies.TEXT);
		session.trace().in(frame, command);
		if (frame instanceof Frame.Overlong && command instanceof Rejected rejected) {
			this.quietly.warn("overlong", session.peer().remoteAddress().getAddress().getHostAddress(),
					"Over-long line from " + session + ": " + rejected.reason());
		}
		if (command instanceof Send send) {
			send(session, send);
		}
		else if (command instanceof ListUsers) {
			session.peer().reply(this.registry.listOk());
		}
		else if (command instanceof Login login) {
			logIn(session, login.name());
		}
		else {
			reject(session, (Rejected) command);
		}
	}

	private void logIn(Session session, String name) {
		TracedPeer peer = session.tracedPeer();
		Reason banned = this.gate.refusesLogin(peer.remoteAddress().getAddress(), name);
		if (banned != null) {
			// O4: as L3.3, BUSY and a close; on UDP the attempt is forgotten (U8)
			this.metrics.login(LoginOutcome.BANNED);
			String address = peer.remoteAddress().getAddress().getHostAddress();
			this.quietly.warn("login-banned", address, "Refused a login from " + address + " with BUSY: " + banned);
			peer.refuse(Replies.BUSY, banned);
			return;
		}
		switch (this.registry.logIn(session, name)) {
			case OK -> {
				this.metrics.login(LoginOutcome.OK);
				this.traces.loggedIn(session.trace(), name);
				peer.loggedIn();
				peer.reply(Replies.hello(name));
			}
			case BUSY -> {
				this.metrics.login(LoginOutcome.BUSY);
				refuseLogin(session, Replies.BUSY, "busy");
			}
			case ADDRESS_BUSY -> {
				this.metrics.login(LoginOutcome.BUSY);
				refuseLogin(session, Replies.BUSY, "max-users " + peer.transport());
			}
			case IN_USE -> {
				this.metrics.login(LoginOutcome.IN_USE);
				refuseLogin(session, Replies.IN_USE, "in-use");
			}
			case CONNECTION_CLOSED -> {
				// the client left while its login was on the way: nobody to answer
			}
		}
	}

	/**
	 * L3.3, L3.4 (O2): the refusal with the reason the registry gave, logged once a
	 * minute per address and kind at most (R4).
	 */
	private void refuseLogin(Session session, byte[] reply, String kind) {
		Reason reason = session.trace().closeReason();
		if (reason == null) {
			reason = Reasons.refused();
		}
		String address = session.peer().remoteAddress().getAddress().getHostAddress();
		this.quietly.warn("login-" + kind, address,
				"Refused a " + session.peer().transport() + " login from " + address + " with "
						+ new String(reply, 0, reply.length - 1, java.nio.charset.StandardCharsets.US_ASCII) + ": "
						+ reason);
		session.tracedPeer().refuse(reply, reason);
	}

	private void send(Session sender, Send send) {
		long start = System.nanoTime();
		TracedPeer peer = sender.tracedPeer();
		Bot bot = this.registry.bot(send.to());
		Session recipient = (bot != null) ? null : this.registry.user(send.to());
		if (!send.text() && (recipient == null || !recipient.peer().messagesAreBytes())) {
			// U9: bytes only to a user whose messages are bytes; S2 and F3 for a bot, a
			// client promised text, and (S2 before S3) a name nobody has
			reject(sender, this.parser.asText(send));
			return;
		}
		if (bot != null) {
			boolean taken = bot.receive(sender, send);
			if (taken) {
				sender.countSent();
				peer.reply(answer(SendOutcome.DELIVERED, start));
			}
			else {
				// S8
				peer.reply(answer(SendOutcome.BAD_DEST_USER, start), Reasons.botBacklogFull(bot.name()));
			}
			return;
		}
		if (recipient == null) {
			// S3
			peer.reply(answer(SendOutcome.BAD_DEST_USER, start), Reasons.noSuchUser(send.to()));
			return;
		}
		sender.countSent();
		recipient.countReceived();
		if (recipient == sender) {
			// to yourself (S3): the DELIVERY takes its place among the replies, so it
			// does
			// not overtake them
			peer.reply(
					Replies.delivery(sender.deliveryPrefix(), send.line(), send.messageOffset(), send.messageLength()));
			peer.reply(answer(SendOutcome.DELIVERED, start));
			return;
		}
		Delivery delivery = recipient.peer()
			.deliver(sender.deliveryPrefix(), send.line(), send.messageOffset(), send.messageLength());
		peer.replyOnDelivery(delivery,
				(written) -> answer(written ? SendOutcome.DELIVERED : SendOutcome.FAILED_WRITE, start), send.to(),
				"udp".equals(recipient.peer().transport()));
	}

	/**
	 * Counts a SEND's outcome and gives its reply: only a written delivery is SEND-OK
	 * (S4, S5).
	 */
	private byte[] answer(SendOutcome outcome, long start) {
		this.metrics.send(outcome, System.nanoTime() - start);
		return (outcome == SendOutcome.DELIVERED) ? Replies.SEND_OK : Replies.BAD_DEST_USER;
	}

	private void reject(Session session, Rejected rejected) {
		this.metrics.protocolError(rejected.error());
		if (rejected.error() == ProtocolError.BODY) {
			if (rejected.about() == Request.LOGIN) {
				this.metrics.login(LoginOutcome.BAD_NAME);
			}
			else if (rejected.about() == Request.SEND) {
				this.metrics.send(SendOutcome.BAD_BODY, 0);
			}
		}
		byte[] reply = Replies.of(rejected.error());
		if (rejected.thenClose()) {
			if (rejected.about() == Request.LOGIN) {
				String address = session.peer().remoteAddress().getAddress().getHostAddress();
				this.quietly.warn("login-bad-name", address, "Refused a " + session.peer().transport() + " login from "
						+ address + " with BAD-RQST-BODY: " + rejected.reason());
			}
			session.tracedPeer().refuse(reply, rejected.reason());
		}
		else {
			session.tracedPeer().reply(reply, rejected.reason());
		}
	}

}
