package io.github.chatlab.server.console;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import io.github.chatlab.server.chat.CloseReason;
import io.github.chatlab.server.chat.Session;
import io.github.chatlab.server.chat.SessionRegistry;
import io.github.chatlab.server.console.audit.Audit;
import io.github.chatlab.server.console.bans.Ban;
import io.github.chatlab.server.console.bans.Ban.Kind;
import io.github.chatlab.server.console.bans.Bans;
import io.github.chatlab.server.console.events.ConsoleEvent;
import io.github.chatlab.server.console.events.ConsoleEvents;
import io.github.chatlab.server.console.voice.ConsoleMessage;
import io.github.chatlab.server.console.voice.TeachingTeam;
import io.github.chatlab.server.protocol.Reasons;

/**
 * What a moderator does (O4, O5, O9), each change audited (O6): kick a connection (with a
 * last word as the teaching team, if given), ban and unban, speak as the teaching team.
 * The checks of who may do it are Spring Security's (O1); this class trusts its caller.
 */
public final class Moderation {

	/** The longest teaching-team message: a line the lab's clients surely read whole. */
	static final int MAX_MESSAGE_BYTES = 4096;

	private final SessionRegistry registry;

	private final Bans bans;

	private final TeachingTeam team;

	private final Audit audit;

	private final ConsoleEvents events;

	public Moderation(SessionRegistry registry, Bans bans, TeachingTeam team, Audit audit, ConsoleEvents events) {
		this.registry = registry;
		this.bans = bans;
		this.team = team;
		this.audit = audit;
		this.events = events;
	}

	/**
	 * Disconnects a connection (L7), after {@code message} as the teaching team if given.
	 * @return the connection kicked, empty when there is none of that id
	 * @throws IllegalArgumentException when the message could not be sent as a line
	 */
	public Optional<Session> kick(Operator operator, String id, @Nullable String message) {
		Session session = this.registry.session(id);
		if (session == null) {
			return Optional.empty();
		}
		String text = (message != null && !message.isEmpty()) ? checkedText(message) : null;
		this.audit.record(operator, "kick", describe(session),
				(text != null) ? "with a message of " + text.getBytes(StandardCharsets.UTF_8).length + " bytes" : "");
		session.trace().closing(Reasons.kicked(operator.name(), null));
		if (text != null && session.isLoggedIn()) {
			this.team.sayThen(session, text, () -> session.peer().close(CloseReason.OPERATOR));
		}
		else {
			session.peer().close(CloseReason.OPERATOR);
		}
		return Optional.of(session);
	}

	/**
	 * Sets a ban and, if {@code kick}, disconnects whoever it matches at once.
	 * @return the ban and the ids of the connections kicked
	 * @throws IllegalArgumentException saying what is malformed
	 */
	public BanResult ban(Operator operator, @Nullable String kind, @Nullable String value, @Nullable String reason,
			@Nullable String expires, boolean kick) {
		Ban ban = this.bans.add(Kind.of(kind), value, reason, expires, operator.name(), operator.address());
		this.audit.record(operator, "ban", ban.kind().json() + " " + ban.value(),
				"ban " + ban.id() + ", " + ((ban.expires() != null) ? "until " + ban.expires() : "permanent")
						+ (ban.reason().isEmpty() ? "" : ", reason: " + ban.reason()) + (kick ? ", kick" : ""));
		this.events.publish(ConsoleEvent.about("ban", ban));
		List<String> kicked = new ArrayList<>();
		if (kick) {
			for (Session session : matching(ban)) {
				kicked.add(session.id());
				session.trace().closing(Reasons.kicked(operator.name(), "banned (ban " + ban.id() + ")"));
				session.peer().close(CloseReason.OPERATOR);
			}
		}
		return new BanResult(ban, kicked);
	}

	/**
	 * @param ban the ban set
	 * @param kicked the ids of the connections it disconnected
	 */
	public record BanResult(Ban ban, List<String> kicked) {
	}

	/** Lifts a ban; empty when there is none with that id. */
	public Optional<Ban> unban(Operator operator, String id) {
		Optional<Ban> removed = this.bans.remove(id);
		removed.ifPresent((ban) -> {
			this.audit.record(operator, "unban", ban.kind().json() + " " + ban.value(), "ban " + ban.id());
			this.events.publish(ConsoleEvent.about("unban", ban));
		});
		return removed;
	}

	/**
	 * Sends {@code text} as the teaching team to {@code to}, or to everyone when null.
	 * @return the message as kept, empty when {@code to} is not logged in
	 * @throws IllegalArgumentException when the text could not be sent as a line
	 */
	public Optional<ConsoleMessage> say(Operator operator, @Nullable String to, @Nullable String text) {
		String checked = checkedText(text);
		List<Session> recipients;
		if (to == null) {
			recipients = this.registry.users();
		}
		else {
			Session user = this.registry.user(to);
			if (user == null) {
				return Optional.empty();
			}
			recipients = List.of(user);
		}
		ConsoleMessage message = this.team.say(operator, to, checked, recipients);
		this.audit.record(operator, "message", (to != null) ? "user " + to : "everyone",
				"message " + message.id() + " to " + recipients.size() + " user(s), "
						+ checked.getBytes(StandardCharsets.UTF_8).length + " bytes");
		return Optional.of(message);
	}

	/**
	 * Who a ban of {@code kind} on {@code value} would match now, before it is set: the
	 * campus NAT check (O4).
	 * @throws IllegalArgumentException saying what is malformed
	 */
	public List<Session> wouldMatch(@Nullable String kind, @Nullable String value) {
		Ban probe = this.bans.probe(Kind.of(kind), value);
		return matching(probe);
	}

	private List<Session> matching(Ban ban) {
		List<Session> matching = new ArrayList<>();
		for (Session session : this.registry.sessions()) {
			if (this.bans.applies(ban, session.peer().remoteAddress().getAddress(), session.name())) {
				matching.add(session);
			}
		}
		return matching;
	}

	private static String describe(Session session) {
		return "connection " + session.id() + ((session.name() != null) ? " (" + session.name() + ")" : "") + " from "
				+ session.peer().remoteAddress().getAddress().getHostAddress();
	}

	/**
	 * A teaching-team message must be what S2 lets a student send: not empty or only
	 * blanks, no control character but TAB, so every client can read it as one line.
	 */
	static String checkedText(@Nullable String text) {
		if (text == null || text.isBlank()) {
			throw new IllegalArgumentException("text must not be empty or only blanks (S2)");
		}
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c != '\t' && Character.isISOControl(c)) {
				throw new IllegalArgumentException(
						"text must be one line without control characters but TAB (S2); found U+"
								+ String.format("%04X", (int) c) + " at offset " + i);
			}
		}
		int bytes = text.getBytes(StandardCharsets.UTF_8).length;
		if (bytes > MAX_MESSAGE_BYTES) {
			throw new IllegalArgumentException(
					"text must be at most " + MAX_MESSAGE_BYTES + " bytes of UTF-8, not " + bytes);
		}
		return text;
	}

}
