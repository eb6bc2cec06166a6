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
 * L3.2, L4), LIST (Q1, Q2) and SEND (S1, S2). It holds no state, so one instance serves
 * every connection.
 */
public final class CommandParser {

	private static final byte[] HELLO_FROM = ascii("HELLO-FROM");

	private static final byte[] LIST = ascii("LIST");

	private static final byte[] SEND = ascii("SEND");

	private static final ListUsers LIST_USERS = new ListUsers();

	private static final Rejected HEADER_AND_CLOSE = new Rejected(ProtocolError.HEADER, true, Request.OTHER);

	private static final Rejected BAD_NAME = new Rejected(ProtocolError.BODY, true, Request.LOGIN);

	private static final Rejected HEADER = new Rejected(ProtocolError.HEADER, false, Request.OTHER);

	private static final Rejected SECOND_LOGIN = new Rejected(ProtocolError.HEADER, false, Request.LOGIN);

	private static final Rejected BAD_LIST = new Rejected(ProtocolError.BODY, false, Request.LIST);

	private static final Rejected BAD_SEND = new Rejected(ProtocolError.BODY, false, Request.SEND);

	private final UserNames names;

	public CommandParser(UserNames names) {
		this.names = names;
	}

	/**
	 * Parses one frame for a connection that is, or is not yet, logged in.
	 */
	public Command parse(Frame frame, boolean loggedIn) {
		if (frame instanceof Frame.Line line) {
			return parseLine(line.bytes(), loggedIn);
		}
		return rejectWhole(((Frame.Overlong) frame).prefix(), loggedIn);
	}

	private Command parseLine(byte[] line, boolean loggedIn) {
		int space = indexOf(line, (byte) ' ', 0);
		int headerEnd = (space < 0) ? line.length : space;
		boolean valid = Utf8.isValid(line, 0, line.length);
		if (!loggedIn) {
			if (!startsWithHeader(line, headerEnd, HELLO_FROM)) {
				// L4, whatever F3 says (H0)
				return HEADER_AND_CLOSE;
			}
			if (!valid || space < 0) {
				// F3, or no name at all (L3.2)
				return BAD_NAME;
			}
			String name = new String(line, space + 1, line.length - space - 1, StandardCharsets.UTF_8);
			return this.names.isValid(name) ? new Login(name) : BAD_NAME;
		}
		if (startsWithHeader(line, headerEnd, HELLO_FROM)) {
			// L3.1, whatever its body (H0)
			return SECOND_LOGIN;
		}
		if (!valid) {
			// F3
			return (space >= 0) ? badBodyOrHeader(line, headerEnd) : HEADER;
		}
		if (startsWithHeader(line, headerEnd, LIST)) {
			// Q1, Q2
			return (space < 0) ? LIST_USERS : BAD_LIST;
		}
		if (startsWithHeader(line, headerEnd, SEND)) {
			return parseSend(line, space);
		}
		// H1
		return HEADER;
	}

	private static Command parseSend(byte[] line, int firstSpace) {
		if (firstSpace < 0) {
			return BAD_SEND;
		}
		int secondSpace = indexOf(line, (byte) ' ', firstSpace + 1);
		if (secondSpace < 0 || secondSpace == firstSpace + 1) {
			// no <msg>, or an empty <to> (S2)
			return BAD_SEND;
		}
		int messageOffset = secondSpace + 1;
		if (Utf8.isBlank(line, messageOffset, line.length)
				|| Utf8.hasControlOtherThanTab(line, messageOffset, line.length)) {
			return BAD_SEND;
		}
		String to = new String(line, firstSpace + 1, secondSpace - firstSpace - 1, StandardCharsets.UTF_8);
		return new Send(to, line, messageOffset);
	}

	/**
	 * F5: only a prefix is known, and the answer is the one F3 gives, under H0's
	 * precedence.
	 */
	private static Command rejectWhole(byte[] prefix, boolean loggedIn) {
		int space = indexOf(prefix, (byte) ' ', 0);
		int headerEnd = (space < 0) ? prefix.length : space;
		boolean helloFrom = space >= 0 && startsWithHeader(prefix, headerEnd, HELLO_FROM);
		if (!loggedIn) {
			return helloFrom ? BAD_NAME : HEADER_AND_CLOSE;
		}
		if (helloFrom) {
			return SECOND_LOGIN;
		}
		return (space >= 0) ? badBodyOrHeader(prefix, headerEnd) : HEADER;
	}

	/**
	 * F3 after login, for a line whose header is followed by a space: a known header
	 * makes it a bad body.
	 */
	private static Rejected badBodyOrHeader(byte[] line, int headerEnd) {
		if (startsWithHeader(line, headerEnd, LIST)) {
			return BAD_LIST;
		}
		return startsWithHeader(line, headerEnd, SEND) ? BAD_SEND : HEADER;
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

	private static byte[] ascii(String s) {
		return s.getBytes(StandardCharsets.US_ASCII);
	}

}
