package io.github.chatlab.server.bots;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import io.github.chatlab.server.chat.Bot;
import io.github.chatlab.server.chat.Peer;
import io.github.chatlab.server.chat.Peer.Piece;
import io.github.chatlab.server.chat.Session;
import io.github.chatlab.server.protocol.Command.Send;
import io.github.chatlab.server.protocol.Replies;

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

	private final BotRuntime runtime;

	private final Duration step;

	/**
	 * Per recipient, the end of its last sequence, so its sequences run one after
	 * another.
	 */
	private final Map<Peer, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();

	Delaybot(BotRuntime runtime, Duration step) {
		this.runtime = runtime;
		this.step = step;
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public boolean receive(Session sender, Send send) {
		Peer peer = sender.peer();
		byte[] line = Replies.delivery(PREFIX, send.line(), send.messageOffset(), send.messageLength());
		if (!this.runtime.admit(peer, 2 * line.length)) {
			return false;
		}
		byte[] twice = new byte[2 * line.length];
		System.arraycopy(line, 0, twice, 0, line.length);
		System.arraycopy(line, 0, twice, line.length, line.length);
		int firstCut = PREFIX.length + send.messageLength() / 2;
		int secondCut = line.length + HEADER_CUT;
		peer.afterReplies(() -> enqueue(peer, twice, firstCut, secondCut));
		return true;
	}

	private void enqueue(Peer peer, byte[] bytes, int firstCut, int secondCut) {
		CompletableFuture<Void> tail = this.tails.compute(peer,
				(key, previous) -> ((previous != null) ? previous : CompletableFuture.<Void>completedFuture(null))
					.thenCompose((ignored) -> transmit(peer, bytes, firstCut, secondCut)));
		tail.whenComplete((ignored, error) -> {
			this.tails.remove(peer, tail);
		});
	}

	private CompletableFuture<Void> transmit(Peer peer, byte[] bytes, int firstCut, int secondCut) {
		CompletableFuture<Void> done = new CompletableFuture<>();
		done.whenComplete((ignored, error) -> this.runtime.done(peer, bytes.length));
		later(Duration.ZERO, done, () -> {
			if (peer.writePiece(bytes, 0, firstCut, Piece.FIRST)) {
				later(this.step, done, () -> {
					if (peer.writePiece(bytes, firstCut, secondCut - firstCut, Piece.MIDDLE)) {
						later(this.step, done, () -> {
							peer.writePiece(bytes, secondCut, bytes.length - secondCut, Piece.LAST);
							done.complete(null);
						});
						return;
					}
					done.complete(null);
				});
				return;
			}
			done.complete(null);
		});
		return done;
	}

	/** Runs {@code write} on a writer after {@code delay}, or ends the sequence. */
	private void later(Duration delay, CompletableFuture<Void> done, Runnable write) {
		if (!this.runtime.writeLater(() -> {
			try {
				write.run();
			}
			catch (RuntimeException ex) {
				done.complete(null);
			}
		}, delay)) {
			// shutting down
			done.complete(null);
		}
	}

}
