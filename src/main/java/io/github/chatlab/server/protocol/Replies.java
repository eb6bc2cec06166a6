package io.github.chatlab.server.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Collection;

import io.github.chatlab.server.protocol.Command.ProtocolError;

/**
 * Every line the server sends, as the exact bytes that go on the wire (each ends in LF),
 * built in one place.
 */
public final class Replies {

	public static final byte[] IN_USE = line("IN-USE");

	public static final byte[] BUSY = line("BUSY");

	public static final byte[] SEND_OK = line("SEND-OK");

	public static final byte[] BAD_DEST_USER = line("BAD-DEST-USER");

	public static final byte[] BAD_RQST_HDR = line("BAD-RQST-HDR");

	public static final byte[] BAD_RQST_BODY = line("BAD-RQST-BODY");

	private Replies() {
	}

	public static byte[] of(ProtocolError error) {
		return (error == ProtocolError.HEADER) ? BAD_RQST_HDR : BAD_RQST_BODY;
	}

	/** {@code HELLO <name>} (L3.5). */
	public static byte[] hello(String name) {
		return line("HELLO " + name);
	}

	/** {@code LIST-OK <n1>,<n2>,…} in the order given (Q1). */
	public static byte[] listOk(Collection<String> names) {
		return line("LIST-OK " + String.join(",", names));
	}

	/**
	 * The part of {@code DELIVERY <from> <msg>} that precedes the message (S4), computed
	 * once per login so a delivery is only this prefix, the sender's message bytes and
	 * LF.
	 */
	public static byte[] deliveryPrefix(String from) {
		return ("DELIVERY " + from + " ").getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * A whole {@code DELIVERY} line: the {@link #deliveryPrefix}, the message bytes and
	 * LF.
	 */
	public static byte[] delivery(byte[] prefix, byte[] body, int offset, int length) {
		byte[] line = new byte[prefix.length + length + 1];
		System.arraycopy(prefix, 0, line, 0, prefix.length);
		System.arraycopy(body, offset, line, prefix.length, length);
		line[line.length - 1] = '\n';
		return line;
	}

	private static byte[] line(String text) {
		return (text + "\n").getBytes(StandardCharsets.UTF_8);
	}

}
