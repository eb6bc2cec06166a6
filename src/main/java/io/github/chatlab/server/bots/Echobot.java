package io.github.chatlab.server.bots;

import io.github.chatlab.server.chat.Bot;
import io.github.chatlab.server.chat.Session;
import io.github.chatlab.server.protocol.Command.Send;
import io.github.chatlab.server.protocol.Replies;

/**
 * {@code echobot}: sends every message straight back to its sender, byte for byte, right
 * after the sender's {@code SEND-OK}, so a student can test sending and receiving with
 * one client.
 */
public final class Echobot implements Bot {

	public static final String NAME = "echobot";

	private static final byte[] PREFIX = Replies.deliveryPrefix(NAME);

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public void receive(Session sender, Send send) {
		sender.connection().reply(Replies.delivery(PREFIX, send.line(), send.messageOffset(), send.messageLength()));
	}

}
