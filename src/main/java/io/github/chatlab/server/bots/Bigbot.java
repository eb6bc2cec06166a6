package io.github.chatlab.server.bots;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import io.github.chatlab.server.bots.Sequencer.Step;
import io.github.chatlab.server.chat.Bot;
import io.github.chatlab.server.chat.Session;
import io.github.chatlab.server.protocol.Command.Send;
import io.github.chatlab.server.protocol.Replies;

/**
 * {@code bigbot}: {@code SEND bigbot <n>} gets one {@code DELIVERY bigbot <text>} whose
 * text is exactly {@code n} bytes of a ruler ({@link #ruler}) that ends with its own
 * length, for any {@code n} from 1 to what fits in {@code chat.max-line-bytes}; anything
 * else gets a {@code DELIVERY} saying how to use it. It shows the bug of a client that
 * reads a fixed 1,024 or 4,096 bytes and takes them for one line: the message comes out
 * cut, and the number at the cut says where.
 */
public final class Bigbot implements Bot {

	public static final String NAME = "bigbot";

	/** Bytes from one mark of the ruler to the next. */
	static final int CELL = 10;

	private static final byte[] PREFIX = Replies.deliveryPrefix(NAME);

	private final Sequencer sequencer;

	private final int maxBytes;

	private final byte[] usage;

	/**
	 * @param maxLineBytes {@code chat.max-line-bytes}: the whole {@code DELIVERY} line
	 * fits in it, so a client that handles the longest request handles bigbot's longest
	 * message
	 */
	Bigbot(BotRuntime runtime, int maxLineBytes) {
		this.sequencer = new Sequencer(runtime);
		this.maxBytes = maxLineBytes - PREFIX.length;
		this.usage = ("usage: SEND bigbot <n>, n from 1 to " + this.maxBytes
				+ "; I answer with one message of exactly n bytes, dots and numbers, each number the count of bytes"
				+ " up to its end, so the message ends with n")
			.getBytes(StandardCharsets.UTF_8);
	}

	@Override
	public String name() {
		return NAME;
	}

	/**
	 * The text is built only when it is written, so a request waiting in the backlog
	 * holds its own few bytes, not the answer (S8).
	 */
	@Override
	public boolean receive(Session sender, Send send) {
		int n = Numbers.parse(send.line(), send.messageOffset(), 1, this.maxBytes);
		Step answer = (n < 0) ? Step.line(Duration.ZERO, PREFIX, this.usage, 0, this.usage.length)
				: new Step(Duration.ZERO, (peer) -> peer.deliver(PREFIX, ruler(n), 0, n).complete());
		return this.sequencer.submit(sender.peer(), send.messageLength(), List.of(answer));
	}

	/**
	 * {@code n} bytes of dots with a mark every {@value #CELL} bytes counted back from
	 * the end: each mark is the number of bytes up to and including its last digit, so
	 * the text ends with {@code n} and a cut anywhere shows where it is:
	 * {@code ....5........15........25}.
	 */
	static byte[] ruler(int n) {
		byte[] text = new byte[n];
		Arrays.fill(text, (byte) '.');
		for (int end = n; end > 0; end -= CELL) {
			byte[] mark = Integer.toString(end).getBytes(StandardCharsets.US_ASCII);
			if (mark.length <= Math.min(CELL, end)) {
				System.arraycopy(mark, 0, text, end - mark.length, mark.length);
			}
		}
		return text;
	}

}
