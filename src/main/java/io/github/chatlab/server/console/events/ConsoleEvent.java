package io.github.chatlab.server.console.events;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * One server-sent event of {@code GET /api/events} (O9): its {@code type} is also the SSE
 * event name. Connection events name the connection's id, transport, address and name
 * (null before login); an error or a close also its O2 rule and reason. Never a student's
 * message text (R4): a message event carries the message's id and length, and the text is
 * read from {@code GET /api/messages}.
 *
 * @param type {@code connection}, {@code login}, {@code error}, {@code close},
 * {@code ban}, {@code unban}, {@code message} or {@code audit}
 * @param at when it happened
 * @param id the connection's id
 * @param transport {@code tcp} or {@code udp}
 * @param address the client's address
 * @param name the user's name, null before login
 * @param rule for an error or a close, the rule (O2)
 * @param reason for an error or a close, the sentence (O2)
 * @param detail for a ban, message or audit event, what it is about
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConsoleEvent(String type, Instant at, @Nullable String id, @Nullable String transport,
		@Nullable String address, @Nullable String name, @Nullable String rule, @Nullable String reason,
		@Nullable Object detail) {

	/** An event about a connection. */
	public static ConsoleEvent connection(String type, String id, String transport, String address,
			@Nullable String name, @Nullable String rule, @Nullable String reason) {
		return new ConsoleEvent(type, Instant.now(), id, transport, address, name, rule, reason, null);
	}

	/** An event about something the teaching team did or received. */
	public static ConsoleEvent about(String type, Object detail) {
		return new ConsoleEvent(type, Instant.now(), null, null, null, null, null, null, detail);
	}

}
