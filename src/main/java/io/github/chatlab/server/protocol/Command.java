package io.github.chatlab.server.protocol;

/**
 * What a client asked for, once {@link CommandParser} has applied every syntax rule of PROTOCOL.md. Anything
 * the parser could not accept is a {@link Rejected} that already knows its reply and whether to close.
 */
public sealed interface Command {

	/** {@code HELLO-FROM <name>} with a valid name (L1, L2). */
	record Login(String name) implements Command {
	}

	/** {@code LIST} (Q1). */
	record ListUsers() implements Command {
	}

	/**
	 * {@code SEND <to> <msg>} (S1): {@code line} is the whole request line and the message is its bytes from
	 * {@code messageOffset} to the end, kept as bytes so it is delivered byte-for-byte without re-encoding.
	 */
	record Send(String to, byte[] line, int messageOffset) implements Command {

		public int messageLength() {
			return this.line.length - this.messageOffset;
		}

	}

	/** A line that breaks a rule: the server answers {@code error} and, before login, closes (L3, L4). */
	record Rejected(ProtocolError error, boolean thenClose) implements Command {
	}

	/** The two protocol error replies. */
	enum ProtocolError {

		/** {@code BAD-RQST-HDR}: the header (command) was wrong. */
		HEADER,

		/** {@code BAD-RQST-BODY}: the body (arguments) was wrong. */
		BODY

	}

}
