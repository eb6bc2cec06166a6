package io.github.chatlab.server.protocol;

/**
 * Why the server refused a line or ended a connection (O2): the rule the client met and
 * one plain sentence about that very line or connection, naming offsets and byte values,
 * never a message's text (R4). Made only by {@link Reasons}, so the same sentence shows
 * wherever the reason does (traces, the console, the log, the student's own server).
 *
 * @param rule the rule id of PROTOCOL.md, e.g. {@code S2}
 * @param sentence one sentence, e.g. {@code SEND has a recipient but no message after it}
 */
public record Reason(String rule, String sentence) {

	@Override
	public String toString() {
		return this.rule + ": " + this.sentence;
	}

}
