package io.github.chatlab.server.chat;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.integration.core.GenericHandler;
import org.springframework.integration.ip.IpHeaders;
import org.springframework.messaging.MessageHeaders;

import io.github.chatlab.server.chat.ChatMetrics.LoginOutcome;
import io.github.chatlab.server.chat.ChatMetrics.SendOutcome;
import io.github.chatlab.server.protocol.Command;
import io.github.chatlab.server.protocol.Command.ListUsers;
import io.github.chatlab.server.protocol.Command.ProtocolError;
import io.github.chatlab.server.protocol.Command.Login;
import io.github.chatlab.server.protocol.Command.Rejected;
import io.github.chatlab.server.protocol.Command.Request;
import io.github.chatlab.server.protocol.Command.Send;
import io.github.chatlab.server.protocol.CommandParser;
import io.github.chatlab.server.protocol.Frame;
import io.github.chatlab.server.protocol.Replies;
import io.github.chatlab.server.wire.ChatConnection;
import io.github.chatlab.server.wire.Outbox;

/**
 * The service activator at the end of the inbound flow: the protocol's state machine, one
 * method per command. It keeps no state of its own; who is logged in where lives in the
 * {@link SessionRegistry}, and it runs on the thread that read the line, so a
 * connection's requests are handled one at a time, in order.
 */
public final class ChatService implements GenericHandler<Frame> {

	private static final Log logger = LogFactory.getLog(ChatService.class);

	private final SessionRegistry registry;

	private final CommandParser parser;

	private final ChatMetrics metrics;

	public ChatService(SessionRegistry registry, CommandParser parser, ChatMetrics metrics) {
		this.registry = registry;
		this.parser = parser;
		this.metrics = metrics;
	}

	@Override
	public Object handle(Frame frame, MessageHeaders headers) {
		Session session = this.registry.session((String) headers.get(IpHeaders.CONNECTION_ID));
		if (session != null) {
			if (frame instanceof Frame.Overlong && logger.isWarnEnabled()) {
				logger.warn("Over-long line (more than the limit of chat.max-line-bytes) from " + session);
			}
			handle(session, this.parser.parse(frame, session.isLoggedIn()));
		}
		return null;
	}

	private void handle(Session session, Command command) {
		if (command instanceof Send send) {
			send(session, send);
		}
		else if (command instanceof ListUsers) {
			session.connection().reply(this.registry.listOk());
		}
		else if (command instanceof Login login) {
			logIn(session, login.name());
		}
		else {
			reject(session, (Rejected) command);
		}
	}

	private void logIn(Session session, String name) {
		ChatConnection connection = session.connection();
		switch (this.registry.logIn(session, name)) {
			case OK -> {
				this.metrics.login(LoginOutcome.OK);
				connection.loggedIn();
				connection.reply(Replies.hello(name));
			}
			case BUSY -> {
				this.metrics.login(LoginOutcome.BUSY);
				connection.closeAfter(Replies.BUSY);
			}
			case IN_USE -> {
				this.metrics.login(LoginOutcome.IN_USE);
				connection.closeAfter(Replies.IN_USE);
			}
			case CONNECTION_CLOSED -> {
				// the connection ended while its login was on the way: there is nobody to
				// answer
			}
		}
	}

	private void send(Session sender, Send send) {
		ChatConnection connection = sender.connection();
		Bot bot = this.registry.bot(send.to());
		if (bot != null) {
			// a bot has the message the moment it is handed over (S4)
			this.metrics.send(SendOutcome.DELIVERED);
			sender.countSent();
			connection.reply(Replies.SEND_OK);
			bot.receive(sender, send);
			return;
		}
		Session recipient = this.registry.user(send.to());
		if (recipient == null) {
			this.metrics.send(SendOutcome.BAD_DEST_USER);
			connection.reply(Replies.BAD_DEST_USER); // S3
			return;
		}
		sender.countSent();
		recipient.countReceived();
		if (recipient == sender) {
			this.metrics.send(SendOutcome.DELIVERED);
			// to yourself (S3): the DELIVERY takes its place among the replies, so it
			// does not overtake them
			connection.reply(
					Replies.delivery(sender.deliveryPrefix(), send.line(), send.messageOffset(), send.messageLength()));
			connection.reply(Replies.SEND_OK);
			return;
		}
		Outbox outbox = recipient.connection().outbox();
		long sequence = outbox.enqueue(sender.deliveryPrefix(), send.line(), send.messageOffset(),
				send.messageLength());
		if (sequence < 0) {
			this.metrics.send(SendOutcome.FAILED_WRITE);
			connection.reply(Replies.BAD_DEST_USER); // gone since the lookup (S5)
			return;
		}
		connection.replyAfterDelivery(outbox, sequence, Replies.SEND_OK, Replies.BAD_DEST_USER);
	}

	private void reject(Session session, Rejected rejected) {
		this.metrics.protocolError(rejected.error());
		if (rejected.error() == ProtocolError.BODY) {
			if (rejected.about() == Request.LOGIN) {
				this.metrics.login(LoginOutcome.BAD_NAME);
			}
			else if (rejected.about() == Request.SEND) {
				this.metrics.send(SendOutcome.BAD_BODY);
			}
		}
		byte[] reply = Replies.of(rejected.error());
		if (rejected.thenClose()) {
			session.connection().closeAfter(reply);
		}
		else {
			session.connection().reply(reply);
		}
	}

}
