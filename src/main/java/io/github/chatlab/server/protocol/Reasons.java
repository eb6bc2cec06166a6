package io.github.chatlab.server.protocol;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;

import org.jspecify.annotations.Nullable;

/**
 * Every sentence the server gives as a {@link Reason} (O2), in one place beside the
 * parser, so a rule reads the same in a trace, the console, the log and a student's own
 * server. A sentence is about the very line or connection: which byte, at which offset,
 * what was expected. It may quote a header or a name (escaped, cut), never a message's
 * text (R4): for that it gives offsets, byte values and lengths.
 */
public final class Reasons {

	/** How much of a header a sentence quotes. */
	private static final int HEADER_QUOTE_BYTES = 24;

	/** How much of a name a sentence quotes. */
	private static final int NAME_QUOTE_BYTES = 48;

	/** Names up to this many code points are searched for the one the pattern refuses. */
	private static final int NAME_SEARCH_CODE_POINTS = 64;

	private static final byte[][] HEADERS = { Printable.ascii("HELLO-FROM"), Printable.ascii("LIST"),
			Printable.ascii("SEND") };

	/** What a lone accented letter in F3's sentence most likely means. */
	private static final String LATIN_1 = "; Latin-1 or Windows-1252 text looks like this)";

	private static final Reason SECOND_LOGIN = new Reason("L3.1",
			"HELLO-FROM on a connection that is already logged in; a connection logs in once");

	private static final Reason NO_NAME = new Reason("L3.2", "HELLO-FROM has no name after it");

	private static final Reason SEND_NOTHING = new Reason("S2", "SEND has no recipient and no message after it");

	private static final Reason SEND_NO_MESSAGE = new Reason("S2", "SEND has a recipient but no message after it");

	private static final Reason CLIENT_CLOSED = new Reason("L7", "the client closed the connection");

	private static final Reason SHUTDOWN = new Reason("R3", "the server is stopping");

	private static final DateTimeFormatter UNTIL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
		.withZone(ZoneOffset.UTC);

	private Reasons() {
	}

	// ---- the parser's rejections (H0, H1, F2, F3, F5, L2, L3.1, L3.2, L4, Q2, S2)

	/**
	 * H1: after login, a line whose header is none the protocol knows; {@code headerEnd}
	 * is its first space or its end.
	 */
	public static Reason unknownHeader(byte[] line, int headerEnd) {
		int cr = Printable.indexOf(line, (byte) '\r', 0, headerEnd);
		if (cr >= 0) {
			return strayCr(cr);
		}
		if (line.length == 0) {
			return new Reason("H1", "the line is empty; a line starts with a header (LIST or SEND)");
		}
		if (headerEnd == 0) {
			return new Reason("H1", "the line starts with a space; the header (LIST or SEND) comes first");
		}
		return new Reason("H1", "the header is " + quoteHeader(line, headerEnd) + "; "
				+ expected(line, headerEnd, "expected LIST or SEND", HEADERS.length));
	}

	/**
	 * L4: before login, a line that is not {@code HELLO-FROM <name>}, whatever else is
	 * wrong with it (H0).
	 */
	public static Reason beforeLogin(byte[] line, int headerEnd) {
		if (line.length == 0) {
			return new Reason("L4", "the line is empty; the first line must be HELLO-FROM <name>");
		}
		if (headerEnd == 0) {
			return new Reason("L4", "the line starts with a space; the first line must be HELLO-FROM <name>");
		}
		if (headerEnd == line.length && Arrays.equals(line, 0, headerEnd, HEADERS[0], 0, HEADERS[0].length)) {
			// not reached: the parser answers this one as L3.2
			return NO_NAME;
		}
		if (isHeader(line, headerEnd, 1) || isHeader(line, headerEnd, 2)) {
			return new Reason("L4", "the header is " + quoteHeader(line, headerEnd)
					+ " before logging in; the first line must be HELLO-FROM <name>");
		}
		return new Reason("L4", "the header is " + quoteHeader(line, headerEnd) + "; "
				+ expected(line, headerEnd, "the first line must be HELLO-FROM <name>", 1));
	}

	/** L3.1: a second {@code HELLO-FROM}, whatever its body (H0). */
	public static Reason secondLogin() {
		return SECOND_LOGIN;
	}

	/** L3.2: {@code HELLO-FROM} alone. */
	public static Reason noName() {
		return NO_NAME;
	}

	/**
	 * L2, L3.2: a name that is not valid, and where: the space, comma, control or
	 * invisible character the contract forbids whatever the pattern, or the first code
	 * point {@code chat.username-pattern} refuses, or its length.
	 * @param line the whole line
	 * @param nameOffset where the name starts in it
	 */
	public static Reason badName(byte[] line, int nameOffset, String name, UserNames names) {
		if (name.isEmpty()) {
			return new Reason("L3.2",
					"HELLO-FROM has an empty name (the line ends after the space at offset " + (nameOffset - 1) + ")");
		}
		String quoted = quoteName(line, nameOffset);
		int offset = nameOffset;
		for (int i = 0; i < name.length();) {
			int c = name.codePointAt(i);
			if (c == '\r') {
				return strayCr(offset);
			}
			if (c == ' ') {
				return new Reason("L2", "the name " + quoted + " has a space at offset " + offset);
			}
			if (c == ',') {
				return new Reason("L2", "the name " + quoted + " has a comma at offset " + offset);
			}
			if (Character.getType(c) == Character.CONTROL) {
				return new Reason("L2", "the name " + quoted + " has " + control(c) + " at offset " + offset);
			}
			if (UserNames.isInvisible(c)) {
				return new Reason("L2", "the name " + quoted + " has the invisible character " + Printable.codePoint(c)
						+ " at offset " + offset);
			}
			offset += utf8Length(c);
			i += Character.charCount(c);
		}
		int codePoints = name.codePointCount(0, name.length());
		int refused = firstRefused(name, names);
		if (refused < 0) {
			return new Reason("L2", "the name " + quoted + " (" + codePoints + " characters) does not match "
					+ "chat.username-pattern");
		}
		int index = name.offsetByCodePoints(0, refused);
		int c = name.codePointAt(index);
		String before = name.substring(0, index);
		String first = new String(Character.toChars(name.codePointAt(0)));
		if (refused > 0 && names.pattern().matcher(before).matches()
				&& names.pattern().matcher(first + new String(Character.toChars(c))).matches()) {
			return new Reason("L2", "the name " + quoted + " is " + codePoints
					+ " characters long; chat.username-pattern allows at most " + refused);
		}
		return new Reason("L2",
				"the name " + quoted + " has " + quoteCodePoint(c) + " (" + Printable.codePoint(c) + ") at offset "
						+ (nameOffset + before.getBytes(StandardCharsets.UTF_8).length)
						+ ", which chat.username-pattern does not allow there");
	}

	/** F3: the line is not valid UTF-8 from {@code offset} on. */
	public static Reason notUtf8(byte[] line, int offset) {
		int b = line[offset] & 0xFF;
		String sentence = "byte " + Printable.hexByte(b) + " at offset " + offset + " is not valid UTF-8";
		if (b >= 0xC0 && b <= 0xF7) {
			int expected = (b < 0xE0) ? 2 : (b < 0xF0) ? 3 : 4;
			int i = offset + 1;
			while (i < offset + expected && i < line.length && (line[i] & 0xC0) == 0x80) {
				i++;
			}
			if (i == line.length && i < offset + expected) {
				sentence += " (it starts a " + expected + "-byte sequence, but the line ends before the sequence does"
						+ LATIN_1;
			}
			else if (i < offset + expected) {
				sentence += " (it starts a " + expected + "-byte sequence, but byte " + Printable.hexByte(line[i])
						+ " at offset " + i + " does not continue it" + LATIN_1;
			}
			else {
				sentence += " (an overlong form, a surrogate or beyond U+10FFFF)";
			}
		}
		else if (b >= 0x80 && b < 0xC0) {
			sentence += " (a continuation byte with no sequence to continue)";
		}
		return new Reason("F3", sentence);
	}

	/** F3, for a line the parser found invalid: the first offending byte. */
	public static Reason notUtf8(byte[] line) {
		int offset = Utf8.firstInvalid(line, 0, line.length);
		return notUtf8(line, Math.max(0, offset));
	}

	/** F2: a CR that is not directly before the LF is content, and no valid content. */
	public static Reason strayCr(int offset) {
		return new Reason("F2", "the line has a CR at offset " + offset + " that is not directly before the LF");
	}

	/**
	 * F5: a line over {@code chat.max-line-bytes}, discarded up to its LF.
	 * @param length its length in bytes before the LF
	 */
	public static Reason overlong(long length) {
		return new Reason("F5",
				"the line is " + length + " bytes long, more than chat.max-line-bytes; it was discarded up to its LF");
	}

	/** L4 for an over-long line before login (H0). */
	public static Reason overlongBeforeLogin(long length) {
		return new Reason("L4", "the first line must be HELLO-FROM <name>, and this one is " + length
				+ " bytes long, more than chat.max-line-bytes");
	}

	/** Q2: {@code LIST} with anything after it. */
	public static Reason listWithArguments(byte[] line) {
		int after = line.length - 5;
		if (after == 0) {
			return new Reason("Q2", "LIST is followed by a space at offset 4; LIST takes nothing after it");
		}
		return new Reason("Q2", "LIST takes nothing after it, but " + after
				+ ((after == 1) ? " byte follows" : " bytes follow") + " the space at offset 4");
	}

	/**
	 * S2 for a {@code SEND} line that has no valid {@code <to> <msg>}; F2 for a CR in its
	 * message.
	 * @param firstSpace the space after {@code SEND}, -1 when none
	 */
	public static Reason badSend(byte[] line, int firstSpace) {
		if (firstSpace < 0 || firstSpace == line.length - 1) {
			return SEND_NOTHING;
		}
		int secondSpace = Printable.indexOf(line, (byte) ' ', firstSpace + 1, line.length);
		if (secondSpace < 0) {
			return SEND_NO_MESSAGE;
		}
		if (secondSpace == firstSpace + 1) {
			return new Reason("S2", "SEND has an empty recipient (a second space directly after the first, at offset "
					+ secondSpace + ")");
		}
		int messageOffset = secondSpace + 1;
		if (messageOffset == line.length) {
			return new Reason("S2",
					"SEND has a recipient but an empty message (the line ends after the space at offset " + secondSpace
							+ ")");
		}
		if (Utf8.isBlank(line, messageOffset, line.length)) {
			int length = line.length - messageOffset;
			return new Reason("S2", "the message is only spaces and tabs (" + length
					+ ((length == 1) ? " byte" : " bytes") + " from offset " + messageOffset + ")");
		}
		int invalid = Utf8.firstInvalid(line, messageOffset, line.length);
		if (invalid >= 0) {
			return notUtf8(line, invalid);
		}
		int control = Utf8.firstControlOtherThanTab(line, messageOffset, line.length);
		if (control >= 0) {
			if (line[control] == '\r') {
				return strayCr(control);
			}
			int c = ((line[control] & 0xFF) == 0xC2) ? (line[control + 1] & 0xFF) : (line[control] & 0xFF);
			return new Reason("S2", "the message has " + control(c) + " at offset " + control
					+ "; no control character but TAB is allowed in a message");
		}
		// not reached
		return new Reason("S2", "SEND's message is not valid");
	}

	// ---- logins (L3.3, L3.4, L10, U2, U8)

	/**
	 * L3.3 (or U2 for a transport with a limit of its own): every place taken.
	 * @param users the users counted against the limit
	 * @param setting the setting that holds the limit, e.g. {@code chat.max-clients}
	 */
	public static Reason full(String rule, int users, String setting) {
		if (users == 0) {
			return new Reason(rule, "the server takes no users (" + setting + " is 0)");
		}
		return new Reason(rule, "the server is full: " + users + ((users == 1) ? " user is" : " users are")
				+ " logged in, the most " + setting + " allows");
	}

	/** L10 (U8): the address already has as many users as it may. */
	public static Reason addressFull(String address, int users) {
		return new Reason("L10", address + " already has " + users + ((users == 1) ? " user" : " users")
				+ " logged in, the most chat.per-address.max-users allows");
	}

	/** L3.4: the name is taken, by a user or a bot, maybe by a look-alike (L2). */
	public static Reason inUse(String name, String holder, boolean bot) {
		String who = bot ? "a bot" : "a user";
		if (name.equals(holder)) {
			return new Reason("L3.4", "the name " + quoteName(name) + " is taken by " + who + " already logged in");
		}
		return new Reason("L3.4", "the name " + quoteName(name) + " is the same name as " + quoteName(holder) + " ("
				+ who + " already logged in): look-alike names are one name (chat.names.unique=confusable)");
	}

	// ---- SEND (S3, S5, S8)

	/** S3: nobody of that name is logged in. */
	public static Reason noSuchUser(String to) {
		return new Reason("S3", "no user " + quoteName(to) + " is logged in");
	}

	/** S8: a bot holds a bounded backlog per client. */
	public static Reason botBacklogFull(String bot) {
		return new Reason("S8", quoteName(bot) + " still holds as many of your messages as it keeps; send again "
				+ "once it has answered");
	}

	/**
	 * S5: the {@code DELIVERY} could not be written; the recipient was disconnected. Over
	 * UDP (U4), it was gone or the line would not fit one datagram.
	 */
	public static Reason deliveryFailed(String to, boolean datagram) {
		if (datagram) {
			return new Reason("U4", "the DELIVERY to " + quoteName(to) + " was not sent: it would not fit one datagram "
					+ "of chat.udp.max-datagram-bytes, or " + quoteName(to) + " is gone");
		}
		return new Reason("S5", "the DELIVERY to " + quoteName(to) + " could not be written (its socket took nothing "
				+ "for chat.write-timeout, or it is gone); it was disconnected");
	}

	/** U4: the {@code DELIVERY} would not fit the recipient's datagram. */
	public static Reason datagramTooLong(String to, int bytes, int maxBytes) {
		return new Reason("U4", "the DELIVERY to " + quoteName(to) + " would be " + bytes
				+ " bytes, more than one datagram of chat.udp.max-datagram-bytes (" + maxBytes + ")");
	}

	// ---- connections (L8, L9, L10, L11, S5, S7, S8, U3, R3, O4)

	/**
	 * L8: no login within the time-out.
	 * @param waiting bytes received after the last LF (an unterminated line), 0 if none
	 */
	public static Reason loginTimeout(Duration timeout, long waiting) {
		String sentence = "no HELLO-FROM within " + duration(timeout) + " of connecting";
		if (waiting > 0) {
			sentence += " (" + waiting + ((waiting == 1) ? " byte was" : " bytes were") + " waiting without an LF)";
		}
		else {
			sentence += " (nothing was waiting: the client sent no bytes)";
		}
		return new Reason("L8", sentence);
	}

	/**
	 * S7 (S5): the client's socket accepted nothing for the write time-out.
	 * @param queued bytes waiting to be written to it
	 */
	public static Reason writeTimeout(Duration timeout, long queued) {
		return new Reason("S7", "the client's socket accepted nothing for " + duration(timeout)
				+ " (chat.write-timeout) with " + queued + " bytes waiting to be written: it stopped reading");
	}

	/** L8 where the details are not known. */
	public static Reason loginTimeout() {
		return new Reason("L8", "no HELLO-FROM within chat.login-timeout of connecting");
	}

	/** S7 where the details are not known. */
	public static Reason writeTimeout() {
		return new Reason("S7", "the client's socket accepted nothing for chat.write-timeout: it stopped reading");
	}

	/** U3 where the details are not known. */
	public static Reason idle() {
		return new Reason("U3", "no datagram for chat.udp.idle-timeout");
	}

	/** L5 where the refusal's reason is not known. */
	public static Reason refused() {
		return new Reason("L5", "the connection was refused and closed after the reply");
	}

	/** S5: a write to the client's socket failed. */
	public static Reason writeFailed(@Nullable String cause) {
		return new Reason("S5", "a write to the client's socket failed" + ((cause != null) ? ": " + cause : ""));
	}

	/** L7: the client closed its side (FIN). */
	public static Reason clientClosed() {
		return CLIENT_CLOSED;
	}

	/** L7: the connection was reset or broke. */
	public static Reason reset(@Nullable String cause) {
		return new Reason("L7", "the connection was reset or broke" + ((cause != null) ? ": " + cause : ""));
	}

	/** S8: its thread failed, even with an OutOfMemoryError. */
	public static Reason error(@Nullable Throwable error) {
		return new Reason("S8",
				"an error on the connection's thread" + ((error != null) ? ": " + error.getClass().getSimpleName() : "")
						+ " (the server's log has the details)");
	}

	/** U3: a UDP client silent for the idle time-out. */
	public static Reason idle(Duration timeout) {
		return new Reason("U3", "no datagram for " + duration(timeout) + " (chat.udp.idle-timeout)");
	}

	/** U7: a UDP client over its rate; the excess is ignored. */
	public static Reason datagramsOverRate(int rate) {
		return new Reason("U7", "datagrams beyond chat.udp.rate (" + rate + " a second) are ignored");
	}

	/** S8: a UDP client's requests wait behind a full backlog; the excess is ignored. */
	public static Reason datagramsOverBacklog() {
		return new Reason("S8", "datagrams are ignored while the client's requests wait behind a full backlog");
	}

	/** R3: the server is stopping. */
	public static Reason shutdown() {
		return SHUTDOWN;
	}

	/** L9: every connection the server takes is open. */
	public static Reason maxConnections(int max) {
		return new Reason("L9", "the server has " + max + " connections open, the most chat.max-connections allows");
	}

	/** L10: the address has as many connections not yet logged in as it may. */
	public static Reason addressPending(String address, int max) {
		return new Reason("L10", address + " already has " + max
				+ " connections not logged in, the most chat.per-address.max-pending allows");
	}

	/** L10: the address connects faster than it may. */
	public static Reason connectRate(String address, int rate, int burst) {
		return new Reason("L10", address + " connected more often than chat.per-address.connect-rate allows (" + rate
				+ " a second after a burst of " + burst + ")");
	}

	/** L11: reading paused until the client's budget of lines refills. */
	public static Reason flowPaused(int rate, int burst) {
		return new Reason("L11", "reading paused: more than " + rate + " lines a second after a burst of " + burst
				+ " (chat.flood); nothing is lost, the client is only slowed");
	}

	/** S8: reading paused until the client's unsent replies are written. */
	public static Reason memoryPaused(long maxQueuedBytes) {
		return new Reason("S8", "reading paused: " + maxQueuedBytes
				+ " bytes of replies wait to be written (chat.max-queued-bytes); the client is reading too slowly");
	}

	/**
	 * O4: a ban refused the connection or the login.
	 * @param what what is banned, e.g. {@code the address 10.1.2.3} or
	 * {@code the name "bob"}
	 * @param why the moderator's reason, if any
	 * @param expires when the ban ends, null for never
	 */
	public static Reason banned(String what, @Nullable String why, @Nullable Instant expires) {
		return new Reason("O4",
				what + " is banned " + ((expires != null) ? "until " + UNTIL.format(expires) : "permanently")
						+ ((why != null && !why.isBlank()) ? ": " + why.strip() : ""));
	}

	/**
	 * O4: an operator disconnected the connection.
	 * @param operator who did, if known
	 * @param why their reason, if any
	 */
	public static Reason kicked(@Nullable String operator, @Nullable String why) {
		return new Reason("O4",
				"disconnected by " + ((operator != null) ? "operator " + quoteName(operator) : "an operator")
						+ ((why != null && !why.isBlank()) ? ": " + why.strip() : ""));
	}

	// ---- helpers

	/** A duration as people write it: {@code 10 s}, {@code 500 ms}, {@code 5 min}. */
	static String duration(Duration duration) {
		long millis = duration.toMillis();
		if (millis % 60_000 == 0 && millis >= 60_000) {
			return (millis / 60_000) + " min";
		}
		if (millis % 1000 == 0) {
			return (millis / 1000) + " s";
		}
		if (millis < 1000) {
			return millis + " ms";
		}
		return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
	}

	private static String expected(byte[] line, int headerEnd, String otherwise, int headers) {
		String header = new String(line, 0, headerEnd, StandardCharsets.UTF_8);
		for (byte[] known : Arrays.copyOf(HEADERS, headers)) {
			String name = new String(known, StandardCharsets.US_ASCII);
			if (header.equalsIgnoreCase(name)) {
				return "headers are upper case (" + name + ")";
			}
			if (header.startsWith(name)) {
				return "a space must follow " + name;
			}
		}
		return otherwise;
	}

	private static boolean isHeader(byte[] line, int headerEnd, int which) {
		return Arrays.equals(line, 0, headerEnd, HEADERS[which], 0, HEADERS[which].length);
	}

	private static String control(int c) {
		if (c == 0 || (c < 0x20) || c == 0x7F) {
			return "control byte " + Printable.hexByte(c);
		}
		return "control character " + Printable.codePoint(c);
	}

	private static String quoteHeader(byte[] line, int headerEnd) {
		return '"' + Printable.bytes(line, 0, headerEnd, HEADER_QUOTE_BYTES) + '"';
	}

	private static String quoteName(byte[] line, int nameOffset) {
		return '"' + Printable.bytes(line, nameOffset, line.length, NAME_QUOTE_BYTES) + '"';
	}

	/** A name, quoted, escaped and cut. */
	public static String quoteName(String name) {
		byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
		return '"' + Printable.bytes(bytes, 0, bytes.length, NAME_QUOTE_BYTES) + '"';
	}

	private static String quoteCodePoint(int c) {
		byte[] bytes = new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8);
		return '"' + Printable.bytes(bytes, 0, bytes.length, 8) + '"';
	}

	/**
	 * The index (in code points) of the first code point after which no continuation can
	 * match the pattern, -1 if every prefix could still match (so the name is too short,
	 * or too long to search).
	 */
	private static int firstRefused(String name, UserNames names) {
		int count = name.codePointCount(0, name.length());
		if (count > NAME_SEARCH_CODE_POINTS) {
			return -1;
		}
		Matcher matcher = names.pattern().matcher("");
		int end = 0;
		for (int k = 0; k < count; k++) {
			end += Character.charCount(name.codePointAt(end));
			matcher.reset(name.substring(0, end));
			if (!matcher.matches() && !matcher.hitEnd()) {
				return k;
			}
		}
		return -1;
	}

	private static int utf8Length(int c) {
		return (c < 0x80) ? 1 : (c < 0x800) ? 2 : (c < 0x10000) ? 3 : 4;
	}

}
