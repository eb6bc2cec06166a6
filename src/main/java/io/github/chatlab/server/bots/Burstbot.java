package io.github.chatlab.server.bots;

import java.time.Duration;
import java.util.List;

import io.github.chatlab.server.bots.Sequencer.Step;
import io.github.chatlab.server.chat.Bot;
import io.github.chatlab.server.chat.Session;
import io.github.chatlab.server.protocol.Command.Send;
import io.github.chatlab.server.protocol.Replies;

/**
 * {@code burstbot}: answers a message with three {@code DELIVERY burstbot <msg>} lines in
 * one write, {@code delay} after the {@code SEND-OK}, so they reach the client in one TCP
 * segment and one {@code recv()}. It shows the bug of a client that handles one line per
 * {@code recv()} or {@code select()} wake-up: it shows the first line and loses, or
 * delays until its next wake-up, the other two. (A burst longer than the server's 8 KiB
 * socket writes goes out in back-to-back writes.)
 */
public final class Burstbot implements Bot {

	public static final String NAME = "burstbot";

	/** Lines per burst. */
	static final int LINES = 3;

	private static final byte[] PREFIX = Replies.deliveryPrefix(NAME);

	private final Sequencer sequencer;

	private final Duration delay;

	Burstbot(BotRuntime runtime, Duration delay) {
		this.sequencer = new Sequencer(runtime);
		this.delay = delay;
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public boolean receive(Session sender, Send send) {
		byte[] line = Replies.delivery(PREFIX, send.line(), send.messageOffset(), send.messageLength());
		byte[] burst = new byte[LINES * line.length];
		for (int i = 0; i < LINES; i++) {
			System.arraycopy(line, 0, burst, i * line.length, line.length);
		}
		return this.sequencer.submit(sender.peer(), burst.length, List.of(Step.oneWrite(this.delay, burst)));
	}

}
