package io.github.chatlab.server.bots;

import java.time.Duration;
import java.util.List;

import io.github.chatlab.server.chat.Bot;
import io.github.chatlab.server.chat.Session;
import io.github.chatlab.server.protocol.Command.Send;
import io.github.chatlab.server.protocol.Replies;
import io.github.chatlab.server.bots.Sequencer.Step;

/**
 * {@code echobot}: sends every message straight back to its sender, byte for byte, so a
 * student can test sending and receiving with one client. It answers as a separate client
 * would: the {@code DELIVERY} goes out in a write of its own, {@code delay} after the
 * {@code SEND-OK}. Written together, a real student client that handles one line per
 * {@code select()} wake-up showed 0 of 10 echoes on time; a pause of 1 ms gave 10 of 10.
 */
public final class Echobot implements Bot {

	public static final String NAME = "echobot";

	private static final byte[] PREFIX = Replies.deliveryPrefix(NAME);

	private final Sequencer sequencer;

	private final Duration delay;

	Echobot(BotRuntime runtime, Duration delay) {
		this.sequencer = new Sequencer(runtime);
		this.delay = delay;
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public boolean receive(Session sender, Send send) {
		return this.sequencer.submit(sender.peer(), send.messageLength(),
				List.of(Step.line(this.delay, PREFIX, send.line(), send.messageOffset(), send.messageLength())));
	}

}
