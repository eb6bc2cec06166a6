package io.github.chatlab.server.trace;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One line of a connection's {@link Trace}, as people read it (O3).
 *
 * @param at when it was read, or queued to be sent
 * @param dir in from the client, out to it, or a note about the connection (a pause)
 * @param text the line without its LF, control bytes escaped, cut to
 * {@code chat.trace.line-bytes}, a message's text shown as its length unless
 * {@code chat.trace.bodies}
 * @param bytes the line's length in bytes, without the LF
 * @param reply for a line the server refused, its reply ({@code BAD-RQST-BODY}, …)
 * @param rule for an error, a refusal or a note, the rule (O2)
 * @param reason the sentence of O2's reason
 */
public record TraceEntry(Instant at, Direction dir, String text, int bytes, @Nullable String reply,
		@Nullable String rule, @Nullable String reason) {

	/** Which way a line went. */
	public enum Direction {

		/** Read from the client. */
		IN,

		/** Sent to the client (queued for its socket, or handed to it). */
		OUT,

		/**
		 * Not a line: something the server did to the connection, e.g. a pause (L11, S8).
		 */
		NOTE

	}

}
