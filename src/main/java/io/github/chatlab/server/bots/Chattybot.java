package io.github.chatlab.server.bots;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.chatlab.server.bots.Sequencer.Step;
import io.github.chatlab.server.chat.Bot;
import io.github.chatlab.server.chat.Session;
import io.github.chatlab.server.protocol.Command.Send;
import io.github.chatlab.server.protocol.Replies;

/**
 * {@code chattybot}: {@code SEND chattybot <n>} ({@value #MIN} to {@value #MAX}) gets
 * {@code n} {@code DELIVERY chattybot} lines, one every {@code interval} (a second), the
 * first one {@code interval} after the {@code SEND-OK}; anything else gets a
 * {@code DELIVERY} saying how to use it. The client has nothing to do meanwhile, so this
 * shows the bug of a client that only reads the socket after the user typed something:
 * the messages appear late, in a heap, when the user next presses Enter.
 */
public final class Chattybot implements Bot {

	public static final String NAME = "chattybot";

	static final int MIN = 1;

	static final int MAX = 20;

	private static final byte[] PREFIX = Replies.deliveryPrefix(NAME);

	private final Sequencer sequencer;

	private final Duration interval;

	private final byte[] usage;

	Chattybot(BotRuntime runtime, Duration interval) {
		this.sequencer = new Sequencer(runtime);
		this.interval = interval;
		this.usage = text("usage: SEND chattybot <n>, n from " + MIN + " to " + MAX
				+ "; I then send you n messages, one every " + describe(interval) + ", while you type nothing");
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public boolean receive(Session sender, Send send) {
		int n = Numbers.parse(send.line(), send.messageOffset(), MIN, MAX);
		if (n < 0) {
			return this.sequencer.submit(sender.peer(), this.usage.length,
					List.of(Step.line(Duration.ZERO, PREFIX, this.usage, 0, this.usage.length)));
		}
		List<Step> steps = new ArrayList<>(n);
		int bytes = 0;
		for (int i = 1; i <= n; i++) {
			byte[] message = text(i + " of " + n + ", one every " + describe(this.interval)
					+ ": did it show the moment it came, while you typed nothing?");
			steps.add(Step.line(this.interval, PREFIX, message, 0, message.length));
			bytes += message.length;
		}
		return this.sequencer.submit(sender.peer(), bytes, steps);
	}

	private static String describe(Duration interval) {
		long millis = interval.toMillis();
		return (millis % 1000 == 0) ? (millis / 1000) + " s" : millis + " ms";
	}

	private static byte[] text(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
