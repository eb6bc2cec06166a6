package io.github.chatlab.server.protocol;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.github.chatlab.server.protocol.Command.ListUsers;
import io.github.chatlab.server.protocol.Command.Login;
import io.github.chatlab.server.protocol.Command.ProtocolError;
import io.github.chatlab.server.protocol.Command.Rejected;
import io.github.chatlab.server.protocol.Command.Send;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The parser alone, no server: line bytes in, the command (or the rejection and whether
 * it closes) out. The socket tests check the same rules end to end.
 */
class CommandParserTest {

	private final CommandParser parser = new CommandParser(
			new UserNames(Pattern.compile("[\\p{L}\\p{N}_-]{1,32}"), UserNames.Uniqueness.EXACT));

	/**
	 * What a line parses to, written compactly: HELLO name, LIST, SEND to|msg, HDR, BODY,
	 * +close.
	 */
	private String parse(byte[] line, boolean loggedIn) {
		return describe(this.parser.parse(new Frame.Line(line), loggedIn));
	}

	private String parse(String line, boolean loggedIn) {
		return parse(line.getBytes(StandardCharsets.UTF_8), loggedIn);
	}

	private static String describe(Command command) {
		if (command instanceof Login login) {
			return "HELLO " + login.name();
		}
		if (command instanceof ListUsers) {
			return "LIST";
		}
		if (command instanceof Send send) {
			return "SEND " + send.to() + "|"
					+ new String(send.line(), send.messageOffset(), send.messageLength(), StandardCharsets.UTF_8);
		}
		Rejected rejected = (Rejected) command;
		return ((rejected.error() == ProtocolError.HEADER) ? "HDR" : "BODY") + (rejected.thenClose() ? "+close" : "");
	}

	@ParameterizedTest(name = "before login: \"{0}\" -> {1}")
	@CsvSource(delimiter = '→', ignoreLeadingAndTrailingWhitespace = false,
			value = { "HELLO-FROM alice→HELLO alice", "HELLO-FROM a b→BODY+close", "HELLO-FROM→BODY+close",
					"HELLO-FROM →BODY+close", "HELLO-FROM a,b→BODY+close", "hello-from alice→HDR+close",
					"HELLO-FROMX alice→HDR+close", "LIST→HDR+close", "SEND bob hi→HDR+close", "SEND→HDR+close",
					" HELLO-FROM alice→HDR+close" })
	void l3_l4_beforeLogin(String line, String expected) {
		assertThat(parse(line, false)).isEqualTo(expected);
	}

	@ParameterizedTest(name = "after login: \"{0}\" -> {1}")
	@CsvSource(delimiter = '→', ignoreLeadingAndTrailingWhitespace = false,
			value = { "LIST→LIST", "LIST x→BODY", "LIST →BODY", "list→HDR", "LISTX→HDR", "HELLO-FROM bob→HDR",
					"HELLO-FROM→HDR", "HELLO-FROM a b c→HDR", "SEND bob hi→SEND bob|hi",
					"SEND bob  two  spaces →SEND bob| two  spaces ", "SEND bob a b c→SEND bob|a b c", "SEND→BODY",
					"SEND bob→BODY", "SEND bob →BODY", "SEND  hi→BODY", "SEND bob    →BODY", "SEND bob \t→BODY",
					"SEND bob \ta→SEND bob|\ta", "send bob hi→HDR", "SENDX bob hi→HDR", "WHAT→HDR" })
	void h1_q_s_afterLogin(String line, String expected) {
		assertThat(parse(line, true)).isEqualTo(expected);
	}

	@Test
	void h1_anEmptyLineIsABadHeader() {
		assertThat(parse("", false)).isEqualTo("HDR+close");
		assertThat(parse("", true)).isEqualTo("HDR");
	}

	@Test
	void s2_controlCharactersOtherThanTabAreABadBody() {
		assertThat(parse("SEND bob a\u0000b", true)).isEqualTo("BODY");
		assertThat(parse("SEND bob a\rb", true)).isEqualTo("BODY");
		assertThat(parse("SEND bob a\u007Fb", true)).isEqualTo("BODY");
		assertThat(parse("SEND bob a\u0085b", true)).isEqualTo("BODY");
		assertThat(parse("SEND bob a\u00A0b", true)).isEqualTo("SEND bob|a\u00A0b");
	}

	@Test
	void s1_theMessageKeepsItsBytesUndecoded() {
		byte[] line = "SEND bob caf\u00e9 \uD83D\uDE00".getBytes(StandardCharsets.UTF_8);
		Send send = (Send) this.parser.parse(new Frame.Line(line), true);
		assertThat(send.line()).isSameAs(line);
		assertThat(send.messageOffset()).isEqualTo("SEND bob ".length());
	}

	@Test
	void f3_invalidUtf8IsABadBodyAfterAKnownHeaderAndSpaceElseABadHeader() {
		byte[] ff = { (byte) 0xFF };
		assertThat(parse(concat("SEND bob ", ff), true)).isEqualTo("BODY");
		assertThat(parse(concat("LIST ", ff), true)).isEqualTo("BODY");
		assertThat(parse(concat("WHAT ", ff), true)).isEqualTo("HDR");
		assertThat(parse(concat("SEND", ff), true)).isEqualTo("HDR");
		assertThat(parse(concat("HELLO-FROM ", ff), false)).isEqualTo("BODY+close");
	}

	@Test
	void h0_precedenceBeforeAndAfterLogin() {
		byte[] ff = { (byte) 0xFF };
		assertThat(parse(concat("SEND bob ", ff), false)).isEqualTo("HDR+close");
		assertThat(parse(concat("HELLO-FROM ", ff), true)).isEqualTo("HDR");
	}

	@Test
	void f5_anOverlongLineAnswersAsF3WouldForItsPrefix() {
		assertThat(overlong("SEND bob xxxxxxx", true)).isEqualTo("BODY");
		assertThat(overlong("LIST xxxxxxxxxxx", true)).isEqualTo("BODY");
		assertThat(overlong("SENDxxxxxxxxxxxx", true)).isEqualTo("HDR");
		assertThat(overlong("HELLO-FROM xxxxx", true)).isEqualTo("HDR");
		assertThat(overlong("HELLO-FROM xxxxx", false)).isEqualTo("BODY+close");
		assertThat(overlong("SEND bob xxxxxxx", false)).isEqualTo("HDR+close");
	}

	@Test
	void u9_asBytesAMessageHoldsAnyByteButLfAndSaysWhetherItIsText() {
		byte[] all = new byte[255];
		for (int b = 0, i = 0; b <= 0xFF; b++) {
			if (b != '\n') {
				all[i++] = (byte) b;
			}
		}
		byte[] line = concat("SEND bob ", all);
		Send send = (Send) this.parser.parse(new Frame.Line(line), true, CommandParser.Bodies.BYTES);
		assertThat(send.to()).isEqualTo("bob");
		assertThat(send.text()).isFalse();
		assertThat(send.line()).isSameAs(line);
		assertThat(send.messageOffset()).isEqualTo("SEND bob ".length());
		assertThat(bytes("SEND bob caf\u00e9", CommandParser.Bodies.BYTES)).isEqualTo("text SEND bob|caf\u00e9");
		assertThat(bytes("SEND bob a\u0000b", CommandParser.Bodies.BYTES)).isEqualTo("bytes SEND bob|a\u0000b");
		assertThat(bytes("SEND bob a\u0000b", CommandParser.Bodies.TEXT)).isEqualTo("BODY");
	}

	@Test
	void u9_asBytesTheHeaderAndRecipientAreStillTextAndOnlyAnEmptyMessageIsRefused() {
		byte[] ff = { (byte) 0xFF };
		assertThat(bytes(join("SEND b", ff, " hi"), CommandParser.Bodies.BYTES)).isEqualTo("BODY");
		assertThat(bytes(join("SEND", ff, " bob hi"), CommandParser.Bodies.BYTES)).isEqualTo("HDR");
		assertThat(bytes("send bob \u0000", CommandParser.Bodies.BYTES)).isEqualTo("HDR");
		assertThat(bytes("SEND bob ", CommandParser.Bodies.BYTES)).isEqualTo("BODY");
		assertThat(bytes("SEND bob  \t ", CommandParser.Bodies.BYTES)).isEqualTo("bytes SEND bob| \t ");
		assertThat(bytes("SEND  \u0000", CommandParser.Bodies.BYTES)).isEqualTo("BODY");
		assertThat(bytes("SEND bob", CommandParser.Bodies.BYTES)).isEqualTo("BODY");
		assertThat(bytes(concat("LIST ", ff), CommandParser.Bodies.BYTES)).isEqualTo("BODY");
		assertThat(bytes(concat("HELLO-FROM ", ff), CommandParser.Bodies.BYTES)).isEqualTo("HDR");
	}

	@Test
	void u9_asTextASendOfBytesGetsTheRejectionTcpGivesIt() {
		Send send = (Send) this.parser.parse(new Frame.Line(concat("SEND bob ", new byte[] { (byte) 0xC3, '(' })), true,
				CommandParser.Bodies.BYTES);
		assertThat(describe(this.parser.asText(send))).isEqualTo("BODY");
	}

	private String bytes(String line, CommandParser.Bodies bodies) {
		return bytes(line.getBytes(StandardCharsets.UTF_8), bodies);
	}

	private String bytes(byte[] line, CommandParser.Bodies bodies) {
		Command command = this.parser.parse(new Frame.Line(line), true, bodies);
		return (command instanceof Send send) ? (send.text() ? "text " : "bytes ") + describe(send) : describe(command);
	}

	/** Strings as UTF-8 and byte arrays as they are, one after the other. */
	private static byte[] join(Object... parts) {
		ByteArrayOutputStream all = new ByteArrayOutputStream();
		for (Object part : parts) {
			all.writeBytes((part instanceof byte[] raw) ? raw : ((String) part).getBytes(StandardCharsets.UTF_8));
		}
		return all.toByteArray();
	}

	private String overlong(String prefix, boolean loggedIn) {
		return describe(
				this.parser.parse(new Frame.Overlong(prefix.getBytes(StandardCharsets.US_ASCII), 70_000), loggedIn));
	}

	private static byte[] concat(String text, byte[] tail) {
		byte[] head = text.getBytes(StandardCharsets.UTF_8);
		byte[] all = new byte[head.length + tail.length];
		System.arraycopy(head, 0, all, 0, head.length);
		System.arraycopy(tail, 0, all, head.length, tail.length);
		return all;
	}

}
