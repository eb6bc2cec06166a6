package io.github.chatlab.server.protocol;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.github.chatlab.server.protocol.Command.ProtocolError;
import io.github.chatlab.server.protocol.Command.Rejected;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * O2: every reason for its lines, as a table: line bytes (with {@code \xNN} for a raw
 * byte), logged in or not, the reply and whether it closes, and the reason. The reasons
 * quote headers and names, never a message's text.
 */
class ReasonsTest {

	private final CommandParser parser = new CommandParser(
			new UserNames(Pattern.compile("[\\p{L}\\p{N}_-][\\p{L}\\p{M}\\p{N}_-]{0,31}"), UserNames.Uniqueness.EXACT));

	static Stream<Arguments> lines() {
		return Stream.of(
				// H1, after login
				after("send bob hi", "HDR", "H1: the header is \"send\"; headers are upper case (SEND)"),
				after("list", "HDR", "H1: the header is \"list\"; headers are upper case (LIST)"),
				after("SENDX bob hi", "HDR", "H1: the header is \"SENDX\"; a space must follow SEND"),
				after("WHAT", "HDR", "H1: the header is \"WHAT\"; expected LIST or SEND"),
				after(" SEND bob hi", "HDR", "H1: the line starts with a space; the header (LIST or SEND) comes first"),
				after("", "HDR", "H1: the line is empty; a line starts with a header (LIST or SEND)"),
				// L3.1
				after("HELLO-FROM bob", "HDR",
						"L3.1: HELLO-FROM on a connection that is already logged in; a connection logs in once"),
				// Q2
				after("LIST x", "BODY", "Q2: LIST takes nothing after it, but 1 byte follows the space at offset 4"),
				after("LIST ", "BODY", "Q2: LIST is followed by a space at offset 4; LIST takes nothing after it"),
				// S2
				after("SEND bob", "BODY", "S2: SEND has a recipient but no message after it"),
				after("SEND", "BODY", "S2: SEND has no recipient and no message after it"),
				after("SEND ", "BODY", "S2: SEND has no recipient and no message after it"),
				after("SEND  hi", "BODY",
						"S2: SEND has an empty recipient (a second space directly after the first, at offset 5)"),
				after("SEND bob ", "BODY",
						"S2: SEND has a recipient but an empty message (the line ends after the space at offset 8)"),
				after("SEND bob  \t ", "BODY", "S2: the message is only spaces and tabs (3 bytes from offset 9)"),
				after("SEND bob hi\\x07there", "BODY",
						"S2: the message has control byte 0x07 at offset 11; "
								+ "no control character but TAB is allowed in a message"),
				after("SEND bob hi\\x00", "BODY",
						"S2: the message has control byte 0x00 at offset 11; "
								+ "no control character but TAB is allowed in a message"),
				after("SEND bob hi\\xC2\\x85", "BODY",
						"S2: the message has control character U+0085 at offset 11; "
								+ "no control character but TAB is allowed in a message"),
				// F2
				after("SEND bob hi\\rthere", "BODY",
						"F2: the line has a CR at offset 11 that is not directly before the LF"),
				after("LIST\\r", "HDR", "F2: the line has a CR at offset 4 that is not directly before the LF"),
				before("HELLO-FROM bo\\rb", "BODY+close",
						"F2: the line has a CR at offset 13 that is not directly before the LF"),
				// F3
				after("SEND bob caf\\xE9 ok", "BODY",
						"F3: byte 0xE9 at offset 12 is not valid UTF-8 (it starts a 3-byte sequence, but byte 0x20 at "
								+ "offset 13 does not continue it; Latin-1 or Windows-1252 text looks like this)"),
				after("SEND bob caf\\xE9", "BODY",
						"F3: byte 0xE9 at offset 12 is not valid UTF-8 (it starts a 3-byte sequence, but the line ends "
								+ "before the sequence does; Latin-1 or Windows-1252 text looks like this)"),
				after("SEND bob \\xC0\\x80", "BODY",
						"F3: byte 0xC0 at offset 9 is not valid UTF-8 (an overlong form, a surrogate or beyond U+10FFFF)"),
				after("LI\\x99T", "HDR",
						"F3: byte 0x99 at offset 2 is not valid UTF-8 (a continuation byte with no sequence to continue)"),
				after("LIST \\xFF", "BODY", "F3: byte 0xFF at offset 5 is not valid UTF-8"),
				before("HELLO-FROM j\\xE9", "BODY+close",
						"F3: byte 0xE9 at offset 12 is not valid UTF-8 (it starts a 3-byte sequence, but the line ends "
								+ "before the sequence does; Latin-1 or Windows-1252 text looks like this)"),
				// L4 (H0)
				before("LIST", "HDR+close",
						"L4: the header is \"LIST\" before logging in; the first line must be HELLO-FROM <name>"),
				before("SEND bob hi", "HDR+close",
						"L4: the header is \"SEND\" before logging in; the first line must be HELLO-FROM <name>"),
				before("hello-from bob", "HDR+close",
						"L4: the header is \"hello-from\"; headers are upper case (HELLO-FROM)"),
				before("HELLO-FROMbob", "HDR+close",
						"L4: the header is \"HELLO-FROMbob\"; a space must follow HELLO-FROM"),
				before("", "HDR+close", "L4: the line is empty; the first line must be HELLO-FROM <name>"),
				before(" HELLO-FROM bob", "HDR+close",
						"L4: the line starts with a space; the first line must be HELLO-FROM <name>"),
				before("what is this", "HDR+close",
						"L4: the header is \"what\"; the first line must be HELLO-FROM <name>"),
				before("LIST\\xE9", "HDR+close",
						"L4: the header is \"LIST\\xE9\"; the first line must be HELLO-FROM <name>"),
				// L3.2, L2
				before("HELLO-FROM", "BODY+close", "L3.2: HELLO-FROM has no name after it"),
				before("HELLO-FROM ", "BODY+close",
						"L3.2: HELLO-FROM has an empty name (the line ends after the space at offset 10)"),
				before("HELLO-FROM bob smith", "BODY+close", "L2: the name \"bob smith\" has a space at offset 14"),
				before("HELLO-FROM a,b", "BODY+close", "L2: the name \"a,b\" has a comma at offset 12"),
				before("HELLO-FROM x\\x07", "BODY+close", "L2: the name \"x\\x07\" has control byte 0x07 at offset 12"),
				before("HELLO-FROM bo\\xE2\\x80\\x8Bb", "BODY+close",
						"L2: the name \"bo\\u200Bb\" has the invisible character U+200B at offset 13"),
				before("HELLO-FROM bob!", "BODY+close",
						"L2: the name \"bob!\" has \"!\" (U+0021) at offset 14, "
								+ "which chat.username-pattern does not allow there"),
				before("HELLO-FROM \\xC3\\xA9t\\xC3\\xA9!", "BODY+close",
						"L2: the name \"été!\" has \"!\" (U+0021) at offset 16, "
								+ "which chat.username-pattern does not allow there"),
				before("HELLO-FROM abcdefghijabcdefghijabcdefghijabc", "BODY+close",
						"L2: the name \"abcdefghijabcdefghijabcdefghijabc\" is 33 characters long; "
								+ "chat.username-pattern allows at most 32"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("lines")
	void o2_eachRejectedLineHasItsRuleAndSentence(String line, boolean loggedIn, String reply, String reason) {
		Command command = this.parser.parse(new Frame.Line(bytes(line)), loggedIn);
		assertThat(command).isInstanceOf(Rejected.class);
		Rejected rejected = (Rejected) command;
		assertThat(
				((rejected.error() == ProtocolError.HEADER) ? "HDR" : "BODY") + (rejected.thenClose() ? "+close" : ""))
			.isEqualTo(reply);
		assertThat(rejected.reason()).hasToString(reason);
	}

	@Test
	void f5_overlongLines() {
		assertThat(reasonOf(new Frame.Overlong(ascii("SEND bob aaaaaaa"), 70_000), true)).isEqualTo(
				"F5: the line is 70000 bytes long, more than chat.max-line-bytes; it was discarded up to its LF");
		assertThat(reasonOf(new Frame.Overlong(ascii("HELLO-FROM aaaaa"), 70_000), false)).isEqualTo(
				"F5: the line is 70000 bytes long, more than chat.max-line-bytes; it was discarded up to its LF");
		assertThat(reasonOf(new Frame.Overlong(ascii("LISTLISTLISTLIST"), 70_000), false)).isEqualTo(
				"L4: the first line must be HELLO-FROM <name>, and this one is 70000 bytes long, more than chat.max-line-bytes");
		assertThat(reasonOf(new Frame.Overlong(ascii("HELLO-FROM aaaaa"), 70_000), true)).startsWith("L3.1: ");
	}

	@Test
	void o2_theSentencesBesideTheParser() {
		assertThat(Reasons.loginTimeout(Duration.ofSeconds(10), 15))
			.hasToString("L8: no HELLO-FROM within 10 s of connecting (15 bytes were waiting without an LF)");
		assertThat(Reasons.loginTimeout(Duration.ofMillis(500), 0)).hasToString(
				"L8: no HELLO-FROM within 500 ms of connecting (nothing was waiting: the client sent no bytes)");
		assertThat(Reasons.writeTimeout(Duration.ofSeconds(5), 70_000))
			.hasToString("S7: the client's socket accepted nothing for 5 s (chat.write-timeout) with 70000 bytes "
					+ "waiting to be written: it stopped reading");
		assertThat(Reasons.full("L3.3", 16, "chat.max-clients"))
			.hasToString("L3.3: the server is full: 16 users are logged in, the most chat.max-clients allows");
		assertThat(Reasons.full("L3.3", 0, "chat.max-clients"))
			.hasToString("L3.3: the server takes no users (chat.max-clients is 0)");
		assertThat(Reasons.full("U2", 300, "chat.udp.max-clients"))
			.hasToString("U2: the server is full: 300 users are logged in, the most chat.udp.max-clients allows");
		assertThat(Reasons.addressFull("10.0.0.7", 50))
			.hasToString("L10: 10.0.0.7 already has 50 users logged in, the most chat.per-address.max-users allows");
		assertThat(Reasons.inUse("bob", "bob", false))
			.hasToString("L3.4: the name \"bob\" is taken by a user already logged in");
		assertThat(Reasons.inUse("Echobot", "echobot", true))
			.hasToString("L3.4: the name \"Echobot\" is the same name as \"echobot\" (a bot already logged in): "
					+ "look-alike names are one name (chat.names.unique=confusable)");
		assertThat(Reasons.noSuchUser("bo\rb")).hasToString("S3: no user \"bo\\rb\" is logged in");
		assertThat(Reasons.deliveryFailed("bob", false))
			.hasToString("S5: the DELIVERY to \"bob\" could not be written (its socket took nothing for "
					+ "chat.write-timeout, or it is gone); it was disconnected");
		assertThat(Reasons.deliveryFailed("bob", true)).hasToString("U4: the DELIVERY to \"bob\" was not sent: it "
				+ "would not fit one datagram of chat.udp.max-datagram-bytes, or \"bob\" is gone");
		assertThat(Reasons.botBacklogFull("echobot")).hasToString(
				"S8: \"echobot\" still holds as many of your messages as it keeps; send again once it has answered");
		assertThat(Reasons.maxConnections(1024))
			.hasToString("L9: the server has 1024 connections open, the most chat.max-connections allows");
		assertThat(Reasons.addressPending("10.0.0.7", 16)).hasToString(
				"L10: 10.0.0.7 already has 16 connections not logged in, the most chat.per-address.max-pending allows");
		assertThat(Reasons.connectRate("10.0.0.7", 5, 30)).hasToString(
				"L10: 10.0.0.7 connected more often than chat.per-address.connect-rate allows (5 a second after a burst of 30)");
		assertThat(Reasons.flowPaused(50, 200)).hasToString("L11: reading paused: more than 50 lines a second after "
				+ "a burst of 200 (chat.flood); nothing is lost, the client is only slowed");
		assertThat(Reasons.memoryPaused(1_048_576)).hasToString("S8: reading paused: 1048576 bytes of replies wait "
				+ "to be written (chat.max-queued-bytes); the client is reading too slowly");
		assertThat(Reasons.idle(Duration.ofMinutes(5)))
			.hasToString("U3: no datagram for 5 min (chat.udp.idle-timeout)");
		assertThat(Reasons.datagramsOverRate(100))
			.hasToString("U7: datagrams beyond chat.udp.rate (100 a second) are ignored");
		assertThat(Reasons.banned("the address 10.0.0.0/8", "spamming", Instant.parse("2026-12-06T14:05:00Z")))
			.hasToString("O4: the address 10.0.0.0/8 is banned until 2026-12-06 14:05 UTC: spamming");
		assertThat(Reasons.banned("the name \"bob\"", null, null))
			.hasToString("O4: the name \"bob\" is banned permanently");
		assertThat(Reasons.kicked("ta1", "please stop"))
			.hasToString("O4: disconnected by operator \"ta1\": please stop");
		assertThat(Reasons.kicked(null, null)).hasToString("O4: disconnected by an operator");
		assertThat(Reasons.reset("Connection reset"))
			.hasToString("L7: the connection was reset or broke: Connection reset");
		assertThat(Reasons.clientClosed()).hasToString("L7: the client closed the connection");
		assertThat(Reasons.shutdown()).hasToString("R3: the server is stopping");
		assertThat(Reasons.error(new OutOfMemoryError())).hasToString(
				"S8: an error on the connection's thread: OutOfMemoryError (the server's log has the details)");
	}

	@Test
	void r4_noReasonQuotesAMessage() {
		String marker = "SECRET-MARKER";
		for (String line : new String[] { "SEND bob " + marker + "\u0007", "SEND bob " + marker + "\r",
				"SEND bob " + marker + "\u0085", "send bob " + marker, "SEND bob \t \t" }) {
			assertThat(reasonOf(new Frame.Line(line.getBytes(StandardCharsets.UTF_8)), true)).doesNotContain(marker);
		}
		byte[] latin1 = ("SEND bob " + marker + "\u00e9").getBytes(StandardCharsets.ISO_8859_1);
		assertThat(reasonOf(new Frame.Line(latin1), true)).doesNotContain(marker);
	}

	@Test
	void o2_longNamesAndHeadersAreQuotedCut() {
		String name = "a".repeat(200);
		assertThat(reasonOf(new Frame.Line(ascii("HELLO-FROM " + name)), false)).isEqualTo(
				"L2: the name \"" + "a".repeat(48) + "…\" (200 characters) does not match chat.username-pattern");
		assertThat(reasonOf(new Frame.Line(ascii("X".repeat(100))), true))
			.isEqualTo("H1: the header is \"" + "X".repeat(24) + "…\"; expected LIST or SEND");
	}

	@Test
	void r4_aLineShowsInALogEscapedCutAndWithoutItsMessage() {
		assertThat(new Frame.Line(bytes("SEND bob secret message"))).hasToString("Line[SEND bob <14 bytes>]");
		assertThat(new Frame.Line(bytes("LIST\\x00\\r\\xE9\\xC3\\xA9"))).hasToString("Line[LIST\\x00\\r\\xE9é]");
		assertThat(new Frame.Line(bytes("HELLO-FROM b\\xE2\\x80\\x8Bob"))).hasToString("Line[HELLO-FROM b\\u200Bob]");
		assertThat(new Frame.Line(ascii("X".repeat(300))).toString()).hasSize("Line[]".length() + 256 + 1)
			.endsWith("…]");
		assertThat(new Frame.Overlong(ascii("SEND bob aaaaaaa"), 70_000))
			.hasToString("Overlong[SEND bob <69991 bytes>, 70000 bytes]");
		assertThat(new Command.Send("bob", ascii("SEND bob secret"), 9)).hasToString("Send[to=bob, <6 bytes>]");
	}

	private String reasonOf(Frame frame, boolean loggedIn) {
		return ((Rejected) this.parser.parse(frame, loggedIn)).reason().toString();
	}

	private static Arguments after(String line, String reply, String reason) {
		return Arguments.of(line, true, reply, reason);
	}

	private static Arguments before(String line, String reply, String reason) {
		return Arguments.of(line, false, reply, reason);
	}

	/**
	 * The text's UTF-8, with {@code \xNN} as that byte and {@code \r}, {@code \t} as CR,
	 * TAB.
	 */
	static byte[] bytes(String text) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '\\' && text.charAt(i + 1) == 'x') {
				out.write(Integer.parseInt(text.substring(i + 2, i + 4), 16));
				i += 3;
			}
			else if (c == '\\' && text.charAt(i + 1) == 'r') {
				out.write('\r');
				i++;
			}
			else {
				out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
			}
		}
		return out.toByteArray();
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

}
