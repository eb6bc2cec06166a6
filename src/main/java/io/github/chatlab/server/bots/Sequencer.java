package io.github.chatlab.server.bots;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import io.github.chatlab.server.chat.Peer;
import io.github.chatlab.server.chat.Peer.Piece;

/**
 * One bot's writes to its clients: what it sends back for a message is a sequence of
 * timed steps, and a client's sequences run one after another, so a bot's lines reach a
 * client in the order of the messages that caused them (S6). The waiting is done by the
 * {@link BotRuntime}'s timer and every step runs on one of its writers, never on a
 * connection's thread; a sequence counts in its client's bounded backlog (S8) from the
 * message until its last step.
 */
final class Sequencer {

	private final BotRuntime runtime;

	/**
	 * Per client, the end of its last sequence; removed when it ends, so a client that
	 * leaves is forgotten.
	 */
	private final Map<Peer, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();

	Sequencer(BotRuntime runtime) {
		this.runtime = runtime;
	}

	/**
	 * Runs {@code steps} for {@code peer} once the replies queued so far (the message's
	 * {@code SEND-OK}) are on their way and its earlier sequences have ended. The first
	 * step's delay counts from now, the others' from the step before.
	 * @param backlogBytes what the sequence holds in memory until it ends
	 * @return false when the client's backlog is full, so the sender gets
	 * {@code BAD-DEST-USER} (S8)
	 */
	boolean submit(Peer peer, int backlogBytes, List<Step> steps) {
		if (steps.isEmpty() || !this.runtime.admit(peer, backlogBytes)) {
			return false;
		}
		long submitted = System.nanoTime();
		peer.afterReplies(() -> enqueue(peer, backlogBytes, steps, submitted));
		return true;
	}

	private void enqueue(Peer peer, int backlogBytes, List<Step> steps, long submitted) {
		CompletableFuture<Void> tail = this.tails.compute(peer,
				(key, previous) -> ((previous != null) ? previous : CompletableFuture.<Void>completedFuture(null))
					.thenCompose((ignored) -> run(peer, backlogBytes, steps, submitted)));
		tail.whenComplete((ignored, error) -> this.tails.remove(peer, tail));
	}

	private CompletableFuture<Void> run(Peer peer, int backlogBytes, List<Step> steps, long submitted) {
		CompletableFuture<Void> done = new CompletableFuture<>();
		done.whenComplete((ignored, error) -> this.runtime.done(peer, backlogBytes));
		long waited = System.nanoTime() - submitted;
		step(peer, steps, 0, Duration.ofNanos(Math.max(0, steps.get(0).after().toNanos() - waited)), done);
		return done;
	}

	private void step(Peer peer, List<Step> steps, int index, Duration delay, CompletableFuture<Void> done) {
		boolean scheduled = this.runtime.writeLater(() -> {
			boolean goOn;
			try {
				goOn = steps.get(index).write().test(peer);
			}
			catch (RuntimeException ex) {
				goOn = false;
			}
			if (goOn && index + 1 < steps.size()) {
				step(peer, steps, index + 1, steps.get(index + 1).after(), done);
			}
			else {
				done.complete(null);
			}
		}, delay);
		if (!scheduled) {
			// shutting down
			done.complete(null);
		}
	}

	/**
	 * One write of a sequence.
	 *
	 * @param after the pause before it
	 * @param write writes to the client; false when it is gone or the write failed, which
	 * ends the sequence
	 */
	record Step(Duration after, Predicate<Peer> write) {

		/**
		 * A whole line, {@code prefix}, {@code body[offset, offset + length)} and LF,
		 * queued and written like any delivery (S6).
		 */
		static Step line(Duration after, byte[] prefix, byte[] body, int offset, int length) {
			return new Step(after, (peer) -> peer.deliver(prefix, body, offset, length).complete());
		}

		/** Part of a line or lines written in pieces: see {@link Peer#writePiece}. */
		static Step piece(Duration after, byte[] bytes, int offset, int length, Piece piece) {
			return new Step(after, (peer) -> peer.writePiece(bytes, offset, length, piece));
		}

		/**
		 * {@code bytes}, whole lines, in one write of their own: nothing else is written
		 * with them, before or after.
		 */
		static Step oneWrite(Duration after, byte[] bytes) {
			return new Step(after, (peer) -> peer.writePiece(bytes, 0, bytes.length, Piece.FIRST)
					&& peer.writePiece(bytes, bytes.length, 0, Piece.LAST));
		}

	}

}
