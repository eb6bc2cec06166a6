package io.github.chatlab.server.console.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

import io.github.chatlab.server.chat.Session;
import io.github.chatlab.server.console.bans.Ban;
import io.github.chatlab.server.console.history.MeterHistory;
import io.github.chatlab.server.trace.ClosedConnection;
import io.github.chatlab.server.trace.Trace;
import io.github.chatlab.server.trace.TraceEntry;

/**
 * The JSON bodies of the console's API (O9) that are not the console's own records: what
 * requests carry and the views of the core's objects. docs/console.md shows each.
 */
final class Json {

	private Json() {
	}

	/**
	 * An open connection, logged in or not.
	 *
	 * @param id the transport's id, for {@code /api/connections/{id}}
	 * @param transport {@code tcp} or {@code udp}
	 * @param address the client's address
	 * @param port the client's port
	 * @param name the user's name, null before login
	 * @param since when it connected
	 * @param loggedInAt when it logged in, null before
	 * @param linesIn lines read from it
	 * @param linesOut lines written to it
	 * @param errors error replies and refusals it got
	 */
	record Connection(String id, String transport, String address, int port, @Nullable String name, Instant since,
			@Nullable Instant loggedInAt, long linesIn, long linesOut, long errors) {

		static Connection of(Session session) {
			return new Connection(session.id(), session.peer().transport(),
					session.peer().remoteAddress().getAddress().getHostAddress(),
					session.peer().remoteAddress().getPort(), session.name(), session.since(), session.loggedInAt(),
					session.linesIn(), session.linesOut(), session.errors());
		}

	}

	/**
	 * One line of a trace (O3), as O9 names its fields.
	 *
	 * @param at when
	 * @param dir {@code in}, {@code out}, or {@code note} (something done to the
	 * connection, e.g. a pause)
	 * @param text the line, escaped and cut; a message's text as its length unless
	 * {@code chat.trace.bodies}
	 * @param bytes its length
	 * @param reply for a refused line, the reply
	 * @param rule for an error, its rule (O2)
	 * @param reason for an error, its sentence (O2)
	 */
	record Entry(Instant at, String dir, String text, int bytes, @Nullable String reply, @Nullable String rule,
			@Nullable String reason) {

		static Entry of(TraceEntry entry) {
			return new Entry(entry.at(), entry.dir().name().toLowerCase(Locale.ROOT), entry.text(), entry.bytes(),
					entry.reply(), entry.rule(), entry.reason());
		}

		static List<Entry> of(List<TraceEntry> entries) {
			return entries.stream().map(Entry::of).toList();
		}

	}

	/**
	 * An open connection's trace.
	 *
	 * @param id the connection's id
	 * @param transport {@code tcp} or {@code udp}
	 * @param address the client's address
	 * @param port the client's port
	 * @param name the user, null before login
	 * @param opened when it opened
	 * @param entries its last lines, oldest first
	 */
	record OpenTrace(String id, String transport, String address, int port, @Nullable String name, Instant opened,
			List<Entry> entries) {

		static OpenTrace of(Trace trace) {
			return new OpenTrace(trace.id(), trace.transport(), trace.address(), trace.port(), trace.name(),
					trace.opened(), Entry.of(trace.entries()));
		}

	}

	/**
	 * A closed connection (O3), newest first in {@code GET /api/closed}.
	 *
	 * @param id the connection's id
	 * @param transport {@code tcp} or {@code udp}
	 * @param address the client's address
	 * @param port the client's port
	 * @param name the user it was, null if it never logged in
	 * @param opened when it opened
	 * @param closed when it ended
	 * @param closeTag the {@code chat.disconnects} tag
	 * @param rule the rule of why it ended (O2)
	 * @param reason the sentence of why it ended (O2)
	 * @param entries its last lines, oldest first
	 */
	record Closed(String id, String transport, String address, int port, @Nullable String name, Instant opened,
			Instant closed, String closeTag, String rule, String reason, List<Entry> entries) {

		static Closed of(ClosedConnection closed) {
			return new Closed(closed.id(), closed.transport(), closed.address(), closed.port(), closed.name(),
					closed.opened(), closed.closed(), closed.closeTag(), closed.rule(), closed.reason(),
					Entry.of(closed.entries()));
		}

	}

	/**
	 * A kick's answer.
	 *
	 * @param kicked the connection's id
	 * @param name its user, null if it had not logged in
	 * @param message whether a last word as the teaching team goes before the close
	 */
	record Kicked(String kicked, @Nullable String name, boolean message) {
	}

	/**
	 * A kick's optional body.
	 *
	 * @param message a last word the student receives as {@code DELIVERY teaching-team …}
	 */
	record KickRequest(@Nullable String message) {
	}

	/**
	 * {@code POST /api/bans}.
	 *
	 * @param kind {@code name} or {@code address}
	 * @param value a name, an address or a CIDR block
	 * @param reason why
	 * @param expires {@code 30m}, {@code 2h}, {@code 7d}, {@code permanent}; default
	 * {@code chat.bans.default-expiry}
	 * @param kick whether to disconnect whoever it matches now
	 */
	record BanRequest(@Nullable String kind, @Nullable String value, @Nullable String reason, @Nullable String expires,
			@Nullable Boolean kick) {
	}

	/**
	 * A ban as listed, with its time left.
	 *
	 * @param id its id
	 * @param kind {@code name} or {@code address}
	 * @param value what it bans
	 * @param reason why
	 * @param setBy who set it
	 * @param setFrom from which address
	 * @param created when
	 * @param expires when it ends, null if permanent
	 * @param permanent whether it never ends
	 * @param secondsLeft its time left, null if permanent
	 */
	record BanView(String id, String kind, String value, String reason, String setBy, String setFrom, Instant created,
			@Nullable Instant expires, boolean permanent, @Nullable Long secondsLeft) {

		static BanView of(Ban ban, Instant now) {
			Duration left = ban.left(now);
			return new BanView(ban.id(), ban.kind().json(), ban.value(), ban.reason(), ban.setBy(), ban.setFrom(),
					ban.created(), ban.expires(), ban.expires() == null, (left != null) ? left.toSeconds() : null);
		}

	}

	/**
	 * A ban set.
	 *
	 * @param ban the ban
	 * @param kicked the ids of the connections it disconnected
	 */
	record BanSet(BanView ban, List<String> kicked) {
	}

	/**
	 * Who a ban would match now (the campus NAT check, O4).
	 *
	 * @param kind the ban's kind
	 * @param value its value
	 * @param users the logged-in users it would match
	 * @param connections how many open connections it would match, logged in or not
	 */
	record Preview(String kind, String value, List<Connection> users, int connections) {
	}

	/**
	 * {@code POST /api/messages}.
	 *
	 * @param to a user's name, null for everyone
	 * @param text the message
	 */
	@JsonInclude(JsonInclude.Include.ALWAYS)
	record MessageRequest(@Nullable String to, @Nullable String text) {
	}

	/**
	 * {@code GET /api/history}.
	 *
	 * @param intervalSeconds the time between two samples
	 * @param maxClients {@code chat.max-clients}, the line users online are drawn against
	 * @param samples oldest first
	 */
	record History(long intervalSeconds, int maxClients, List<MeterHistory.Sample> samples) {
	}

	/**
	 * Every error's body.
	 *
	 * @param status the HTTP status
	 * @param error its phrase
	 * @param message what was wrong
	 */
	record Error(int status, String error, String message) {
	}

}
