package io.github.chatlab.server.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import io.github.chatlab.server.protocol.Command.ListUsers;
import io.github.chatlab.server.protocol.Command.Login;
import io.github.chatlab.server.protocol.Command.ProtocolError;
import io.github.chatlab.server.protocol.Command.Rejected;
import io.github.chatlab.server.protocol.Command.Request;
import io.github.chatlab.server.protocol.Command.Send;

/**
 * The one place where a line becomes a {@link Command}: headers (H1), their precedence
 * (H0), UTF-8 (F3), over-long lines (F5) and every body rule of HELLO-FROM (L1, L2, L3.1,
 * L3.2, L4), LIST (Q1, Q2) and SEND (S1, S2), a SEND's message as text or as bytes (U9).
 * It holds no state, so one instance serves every connection.
 */
public final class CommandParser {

	private static final byte[] HELLO_FROM = ascii("HELLO-FROM");

	private static final byte[] LIST = ascii("LIST");

	private static final byte[] SEND = ascii("SEND");

	private static final ListUsers LIST_USERS = new ListUsers();

	private static final Rejected SECOND_LOGIN = new Rejected(ProtocolError.HEADER, false, Request.LOGIN,
			Reasons.secondLogin());

	private final UserNames names;

	public CommandParser(UserNames names) {
		this.names = names;
	}

	/**
	 * Parses one frame for a connection that is, or is not yet, logged in, whose messages
	 * are text. A rejection carries its reason (O2), made only here, off the path of
	 * valid lines.
	 */
	public Command parse(Frame frame, boolean loggedIn) {
		return parse(frame, loggedIn, Bodies.TEXT);
	}

	/**
	 * Parses one frame for a client that is, or is not yet, logged in, its messages
	 * checked as {@code bodies} says.
	 */
	public Command parse(Frame frame, boolean loggedIn, Bodies bodies) {
		if (frame instanceof Frame.Line line) {
			return parseLine(line.bytes(), loggedIn, bodies);
		}
		Frame.Overlong overlong = (Frame.Overlong) frame;
		return rejectWhole(overlong.prefix(), overlong.length(), loggedIn);
	}

	/**
	 * What the text rules (S2, F3) answer a {@code SEND} whose message is not text, for
	 * when it is not going to a recipient whose messages are bytes (U9).
	 */
	public Rejected asText(Send send) {
		if (parseLine(send.line(), true, Bodies.TEXT) instanceof Rejected rejected) {
			return rejected;
		}
		throw new IllegalArgumentException("a SEND whose message is text");
	}

	private Command parseLine(byte[] line, boolean loggedIn, Bodies bodies) {
		int space = indexOf(line, (byte) ' ', 0);
		int headerEnd = (space < 0) ? line.length : space;
		boolean valid = Utf8.isValid(line, 0, line.length);
		if (!loggedIn) {
			if (!startsWithHeader(line, headerEnd, HELLO_FROM)) {
				// L4, whatever F3 says (H0)
				return new Rejected(ProtocolError.HEADER, true, Request.OTHER, Reasons.beforeLogin(line, headerEnd));
			}
			if (!valid) {
				// F3
				return badName(Reasons.notUtf8(line));
			}
			if (space < 0) {
				// no name at all (L3.2)
				return badName(Reasons.noName());
			}
			String name = new String(line, space + 1, line.length - space - 1, StandardCharsets.UTF_8);
			return this.names.isValid(name) ? new Login(name)
					: badName(Reasons.badName(line, space + 1, name, this.names));
		}
		if (startsWithHeader(line, headerEnd, HELLO_FROM)) {
			// L3.1, whatever its body (H0)
			return SECOND_LOGIN;
		}
		boolean send = startsWithHeader(line, headerEnd, SEND);
		if (send && bodies == Bodies.BYTES) {
			// U9: F3 for the header and <to> only
			return parseSend(line, space, bodies);
		}
		if (!valid) {
			// F3
			Reason reason = Reasons.notUtf8(line);
			return (space >= 0) ? badBodyOrHeader(line, headerEnd, reason) : header(reason);
		}
		if (startsWithHeader(line, headerEnd, LIST)) {
			// Q1, Q2
			return (space < 0) ? LIST_USERS
					: new Rejected(ProtocolError.BODY, false, Request.LIST, Reasons.listWithArguments(line));
		}
		if (send) {
			return parseSend(line, space, bodies);
		}
		// H1
		return header(Reasons.unknownHeader(line, headerEnd));
	}

	/**
	 * S1 and S2; as {@link Bodies#BYTES}, a message that is not text is a {@link Send}
	 * that says so, with its {@code <to>} still text (U9).
	 */
	private static Command parseSend(byte[] line, int firstSpace, Bodies bodies) {
		if (firstSpace < 0) {
			return badSend(line, firstSpace);
		}
		int secondSpace = indexOf(line, (byte) ' ', firstSpace + 1);
		if (secondSpace < 0 || secondSpace == firstSpace + 1) {
			// no <msg>, or an empty <to> (S2)
			return badSend(line, firstSpace);
		}
		int messageOffset = secondSpace + 1;
		if (messageOffset == line.length) {
			// S2, and U9: an empty message is refused on either transport
			return badSend(line, firstSpace);
		}
		boolean text = !Utf8.isBlank(line, messageOffset, line.length)
				&& !Utf8.hasControlOtherThanTab(line, messageOffset, line.length);
		if (bodies == Bodies.BYTES) {
			int invalid = Utf8.firstInvalid(line, firstSpace + 1, secondSpace);
			if (invalid >= 0) {
				// F3 for <to> (U9)
				return new Rejected(ProtocolError.BODY, false, Request.SEND, Reasons.notUtf8(line, invalid));
			}
			text = text && Utf8.isValid(line, messageOffset, line.length);
		}
		else if (!text) {
			return badSend(line, firstSpace);
		}
		String to = new String(line, firstSpace + 1, secondSpace - firstSpace - 1, StandardCharsets.UTF_8);
		return new Send(to, line, messageOffset, text);
	}

	/**
	 * F5: only a prefix is known, and the answer is the one F3 gives, under H0's
	 * precedence.
	 */
	private static Command rejectWhole(byte[] prefix, long length, boolean loggedIn) {
		int space = indexOf(prefix, (byte) ' ', 0);
		int headerEnd = (space < 0) ? prefix.length : space;
		boolean helloFrom = space >= 0 && startsWithHeader(prefix, headerEnd, HELLO_FROM);
		if (!loggedIn) {
			return helloFrom ? badName(Reasons.overlong(length))
					: new Rejected(ProtocolError.HEADER, true, Request.OTHER, Reasons.overlongBeforeLogin(length));
		}
		if (helloFrom) {
			return SECOND_LOGIN;
		}
		Reason reason = Reasons.overlong(length);
		return (space >= 0) ? badBodyOrHeader(prefix, headerEnd, reason) : header(reason);
	}

	/**
	 * F3 after login, for a line whose header is followed by a space: a known header
	 * makes it a bad body.
	 */
	private static Rejected badBodyOrHeader(byte[] line, int headerEnd, Reason reason) {
		if (startsWithHeader(line, headerEnd, LIST)) {
			return new Rejected(ProtocolError.BODY, false, Request.LIST, reason);
		}
		return startsWithHeader(line, headerEnd, SEND) ? new Rejected(ProtocolError.BODY, false, Request.SEND, reason)
				: header(reason);
	}

	private static Rejected badName(Reason reason) {
		return new Rejected(ProtocolError.BODY, true, Request.LOGIN, reason);
	}

	private static Rejected badSend(byte[] line, int firstSpace) {
		return new Rejected(ProtocolError.BODY, false, Request.SEND, Reasons.badSend(line, firstSpace));
	}

	private static Rejected header(Reason reason) {
		return new Rejected(ProtocolError.HEADER, false, Request.OTHER, reason);
	}

	private static boolean startsWithHeader(byte[] line, int headerEnd, byte[] header) {
		return Arrays.equals(line, 0, headerEnd, header, 0, header.length);
	}

	private static int indexOf(byte[] bytes, byte b, int from) {
		for (int i = from; i < bytes.length; i++) {
			if (bytes[i] == b) {
				return i;
			}
		}
		return -1;
	}

	/** How a logged-in client's {@code SEND} messages are checked. */
	public enum Bodies {

		/** As text, S2 and F3: what TCP clients send and are promised. */
		TEXT,

		/**
		 * As bytes (U9): any byte but LF, only an empty or blank message refused; the
		 * {@link Send} says whether it is also text.
		 */
		BYTES

	}

	private static byte[] ascii(String s) {
		return s.getBytes(StandardCharsets.US_ASCII);
	}

}
