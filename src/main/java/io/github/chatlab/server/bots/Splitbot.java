package io.github.chatlab.server.bots;

import java.time.Duration;
import java.util.List;

import io.github.chatlab.server.bots.Sequencer.Step;
import io.github.chatlab.server.chat.Bot;
import io.github.chatlab.server.chat.Peer.Piece;
import io.github.chatlab.server.chat.Session;
import io.github.chatlab.server.protocol.Command.Send;
import io.github.chatlab.server.protocol.Replies;

/**
 * {@code splitbot}: sends a message back once, as {@code DELIVERY splitbot <msg>} in two
 * writes {@code pause} apart, cut inside the message's first multi-byte UTF-8 character
 * (after its first byte), or in the middle of the line when the message has none. It
 * shows the bug of a client that decodes each {@code recv()} chunk as UTF-8 on its own:
 * the first chunk ends in half a character, and the client fails with a decoding error or
 * shows replacement characters ({@code caf\uFFFD\uFFFD}) instead of {@code café}; and,
 * for an ASCII message, the bug of a client that takes whatever one {@code recv()}
 * returns for a whole line. Nothing else is written to the client between the two writes
 * (S6).
 */
public final class Splitbot implements Bot {

	public static final String NAME = "splitbot";

	private static final byte[] PREFIX = Replies.deliveryPrefix(NAME);

	private final Sequencer sequencer;

	private final Duration pause;

	Splitbot(BotRuntime runtime, Duration pause) {
		this.sequencer = new Sequencer(runtime);
		this.pause = pause;
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public boolean receive(Session sender, Send send) {
		byte[] line = Replies.delivery(PREFIX, send.line(), send.messageOffset(), send.messageLength());
		int cut = cut(line, PREFIX.length);
		return this.sequencer.submit(sender.peer(), line.length,
				List.of(Step.piece(Duration.ZERO, line, 0, cut, Piece.FIRST),
						Step.piece(this.pause, line, cut, line.length - cut, Piece.LAST)));
	}

	/**
	 * Just after the first byte of the first multi-byte character from {@code from} on,
	 * else the middle of the line.
	 */
	static int cut(byte[] line, int from) {
		for (int i = from; i < line.length; i++) {
			if ((line[i] & 0xC0) == 0xC0) {
				return i + 1;
			}
		}
		return line.length / 2;
	}

}
