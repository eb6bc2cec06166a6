package io.github.chatlab.server.protocol;

/**
 * What a client asked for, once {@link CommandParser} has applied every syntax rule of
 * PROTOCOL.md. Anything the parser could not accept is a {@link Rejected} that already
 * knows its reply and whether to close.
 */
public sealed interface Command {

	/** {@code HELLO-FROM <name>} with a valid name (L1, L2). */
	record Login(String name) implements Command {
	}

	/** {@code LIST} (Q1). */
	record ListUsers() implements Command {
	}

	/**
	 * {@code SEND <to> <msg>} (S1): {@code line} is the whole request line and the
	 * message is its bytes from {@code messageOffset} to the end, kept as bytes so it is
	 * delivered byte-for-byte without re-encoding. {@code text} says whether the message
	 * passes S2 and F3; only a line parsed with {@link CommandParser.Bodies#BYTES} can
	 * hold one that does not, which only a recipient whose messages are bytes may get
	 * (U9).
	 */
	record Send(String to, byte[] line, int messageOffset, boolean text) implements Command {

		/** A message that passed S2 and F3. */
		public Send(String to, byte[] line, int messageOffset) {
			this(to, line, messageOffset, true);
		}

		public int messageLength() {
			return this.line.length - this.messageOffset;
		}

		/** The message as its length only (R4). */
		@Override
		public String toString() {
			return "Send[to=" + this.to + ", <" + messageLength() + " bytes>]";
		}

	}

	/**
	 * A line that breaks a rule: the server answers {@code error} and, before login,
	 * closes (L3, L4); {@code about} says which request it was meant to be, for metrics
	 * and logs, and {@code reason} which rule it broke and where (O2).
	 */
	record Rejected(ProtocolError error, boolean thenClose, Request about, Reason reason) implements Command {
	}

	/** Which request a rejected line was, as far as its header tells. */
	enum Request {

		LOGIN, LIST, SEND, OTHER

	}

	/** The two protocol error replies. */
	enum ProtocolError {

		/** {@code BAD-RQST-HDR}: the header (command) was wrong. */
		HEADER,

		/** {@code BAD-RQST-BODY}: the body (arguments) was wrong. */
		BODY

	}

}
