package io.github.chatlab.server.bots;

import java.time.Duration;
import java.util.List;

import io.github.chatlab.server.chat.Bot;
import io.github.chatlab.server.chat.Peer.Piece;
import io.github.chatlab.server.chat.Session;
import io.github.chatlab.server.protocol.Command.Send;
import io.github.chatlab.server.protocol.Replies;
import io.github.chatlab.server.bots.Sequencer.Step;

/**
 * {@code delaybot}: sends a message back twice, as two {@code DELIVERY delaybot <msg>}
 * lines written in three fragments {@code step} apart: the first ends mid-way through the
 * first message, the second mid-way through the second line's header. A client must
 * reassemble lines that arrive in pieces. Nothing else is written to that client while a
 * line is incomplete (S6), and the waiting is done by a timer, never by a connection's
 * thread; the writes run on a pool of their own, so a client that stops reading holds up
 * nobody else's sequence.
 */
public final class Delaybot implements Bot {

	public static final String NAME = "delaybot";

	private static final byte[] PREFIX = Replies.deliveryPrefix(NAME);

	/**
	 * How much of the second line's header ({@code DELIVERY}) the second fragment
	 * carries.
	 */
	private static final int HEADER_CUT = 4;

	private final Duration step;

	private final Sequencer sequencer;

	Delaybot(BotRuntime runtime, Duration step) {
		this.sequencer = new Sequencer(runtime);
		this.step = step;
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public boolean receive(Session sender, Send send) {
		byte[] line = Replies.delivery(PREFIX, send.line(), send.messageOffset(), send.messageLength());
		byte[] twice = new byte[2 * line.length];
		System.arraycopy(line, 0, twice, 0, line.length);
		System.arraycopy(line, 0, twice, line.length, line.length);
		int firstCut = PREFIX.length + send.messageLength() / 2;
		int secondCut = line.length + HEADER_CUT;
		return this.sequencer.submit(sender.peer(), twice.length,
				List.of(Step.piece(Duration.ZERO, twice, 0, firstCut, Piece.FIRST),
						Step.piece(this.step, twice, firstCut, secondCut - firstCut, Piece.MIDDLE),
						Step.piece(this.step, twice, secondCut, twice.length - secondCut, Piece.LAST)));
	}

}
