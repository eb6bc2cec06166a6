package io.github.chatlab.server.chat;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.integration.core.GenericHandler;
import org.springframework.integration.ip.IpHeaders;
import org.springframework.messaging.MessageHeaders;

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
import io.github.chatlab.server.protocol.Frame;
import io.github.chatlab.server.protocol.Replies;

/**
 * The protocol's state machine, one method per command, and the service activator at the
 * end of every transport's inbound flow: a frame arrives with the transport's id for its
 * client in {@link IpHeaders#CONNECTION_ID}. It keeps no state of its own (who is logged
 * in where lives in the {@link SessionRegistry}) and knows nothing of sockets: it talks
 * to each client through its {@link Peer}. It runs on the thread that read the line, so
 * one client's requests are handled one at a time, in order.
 * <p>
 * The path of a {@code SEND} to a user (S4): the {@code DELIVERY} is queued on the
 * recipient's peer, which hands back a {@link Delivery}; the sender's peer queues the
 * reply behind the replies before it and, when it writes them, completes that delivery
 * first (writing it to the recipient's socket if nobody has yet, within the write
 * time-out); only if it was written does the sender get {@code SEND-OK}, else
 * {@code BAD-DEST-USER} and the recipient is disconnected (S5). Every SEND outcome is
 * counted in {@link #answer}.
 */
public final class ChatService implements GenericHandler<Frame> {

	private static final Log logger = LogFactory.getLog(ChatService.class);

	private final SessionRegistry registry;

	private final CommandParser parser;

	private final ChatMetrics metrics;

	private final Gate gate;

	/**
	 * What clients can make happen thousands of times a second is logged once a minute
	 * (R4).
	 */
	private final ThrottledLog quietly = new ThrottledLog(logger);

	public ChatService(SessionRegistry registry, CommandParser parser, ChatMetrics metrics) {
		this(registry, parser, metrics, Gate.OPEN);
	}

	/**
	 * @param gate the bans every {@code HELLO-FROM} passes, on either transport (O4)
	 */
	public ChatService(SessionRegistry registry, CommandParser parser, ChatMetrics metrics, Gate gate) {
		this.registry = registry;
		this.parser = parser;
		this.metrics = metrics;
		this.gate = gate;
	}

	/** A transport has a new client, known by {@code id} until {@link #closed}. */
	public Session opened(String id, Peer peer) {
		return this.registry.opened(id, peer);
	}

	/** A transport's client is gone: its name is free at once (L7). */
	public void closed(String id, CloseReason reason) {
		Session session = this.registry.session(id);
		if (session != null) {
			this.metrics.disconnected(reason);
			if (reason == CloseReason.LOGIN_TIMEOUT) {
				String address = session.peer().remoteAddress().getAddress().getHostAddress();
				this.quietly.warn("login-timeout", address, "No login within chat.login-timeout from " + address
						+ "; closed the connection without a reply (L8)");
			}
		}
		this.registry.closed(id, reason);
	}

	@Override
	public @Nullable Object handle(Frame frame, MessageHeaders headers) {
		Session session = this.registry.session((String) headers.get(IpHeaders.CONNECTION_ID));
		if (session != null) {
			handle(session, frame);
		}
		return null;
	}

	/** Handles one frame from {@code session}'s client. */
	public void handle(Session session, Frame frame) {
		if (frame instanceof Frame.Overlong) {
			this.quietly.warn("overlong", session.peer().remoteAddress().getAddress().getHostAddress(),
					"Over-long line (more than the limit of chat.max-line-bytes) from " + session);
		}
		Command command = this.parser.parse(frame, session.isLoggedIn());
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
		Peer peer = session.peer();
		String banned = this.gate.refusesLogin(peer.remoteAddress().getAddress(), name);
		if (banned != null) {
			// O4: as L3.3, BUSY and a close; on UDP the attempt is forgotten (U8)
			this.metrics.login(LoginOutcome.BANNED);
			String address = peer.remoteAddress().getAddress().getHostAddress();
			this.quietly.warn("banned-login", address,
					"Refused the login of " + name + " from " + address + " with BUSY: " + banned);
			peer.refuse(Replies.BUSY);
			return;
		}
		switch (this.registry.logIn(session, name)) {
			case OK -> {
				this.metrics.login(LoginOutcome.OK);
				peer.loggedIn();
				peer.reply(Replies.hello(name));
			}
			case BUSY -> {
				this.metrics.login(LoginOutcome.BUSY);
				peer.refuse(Replies.BUSY);
			}
			case IN_USE -> {
				this.metrics.login(LoginOutcome.IN_USE);
				peer.refuse(Replies.IN_USE);
			}
			case CONNECTION_CLOSED -> {
				// the client left while its login was on the way: there is nobody to
				// answer
			}
		}
	}

	private void send(Session sender, Send send) {
		long start = System.nanoTime();
		Peer peer = sender.peer();
		Bot bot = this.registry.bot(send.to());
		if (bot != null) {
			boolean taken = bot.receive(sender, send);
			if (taken) {
				sender.countSent();
			}
			peer.reply(answer(taken ? SendOutcome.DELIVERED : SendOutcome.BAD_DEST_USER, start));
			return;
		}
		Session recipient = this.registry.user(send.to());
		if (recipient == null) {
			peer.reply(answer(SendOutcome.BAD_DEST_USER, start)); // S3
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
				(written) -> answer(written ? SendOutcome.DELIVERED : SendOutcome.FAILED_WRITE, start));
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
			session.peer().refuse(reply);
		}
		else {
			session.peer().reply(reply);
		}
	}

}
