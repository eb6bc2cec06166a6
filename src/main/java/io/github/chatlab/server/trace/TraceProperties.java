package io.github.chatlab.server.trace;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import io.github.chatlab.server.settings.SettingChecks;

/**
 * Each connection's trace (O3). Its memory is bounded whatever clients send (S8): at most
 * {@code lines} entries of at most {@code line-bytes} each, for every open connection and
 * the last {@code closed} closed ones.
 *
 * @param lines how many of its last lines a connection's trace keeps; 0 keeps none
 * @param lineBytes how much of a line a trace keeps, in bytes; the rest is shown as cut
 * @param closed how many closed connections keep their trace, name, address and reason
 * @param bodies whether traces show message text (the text after {@code SEND <to> } and
 * {@code DELIVERY <from> }); off, it is shown as its length (R4). Only for a server on a
 * student's own machine.
 * @param console whether each line in and out is printed to standard error with its
 * reasons, message text included, for a student debugging a client against their own
 * server (O8)
 */
@ConfigurationProperties("chat.trace")
public record TraceProperties(@DefaultValue("64") int lines, @DefaultValue("256") int lineBytes,
		@DefaultValue("1000") int closed, @DefaultValue("false") boolean bodies,
		@DefaultValue("false") boolean console) implements SettingChecks.Checked {

	@Override
	public void check(SettingChecks checks) {
		checks.between("lines", this.lines, 0, 10_000)
			.between("lineBytes", this.lineBytes, 16, 65_536)
			.between("closed", this.closed, 0, 100_000);
	}

	/** The defaults, for tests and tools that build the chat without Spring. */
	public static TraceProperties defaults() {
		return new TraceProperties(64, 256, 1000, false, false);
	}

}
