package io.github.chatlab.server.wire;

import java.util.ArrayList;
import java.util.List;

import io.github.chatlab.server.chat.Delivery;
import io.github.chatlab.server.chat.Peer.DeliveryOutcome;

/**
 * The replies to the requests a connection has read but not yet answered on the wire, in
 * request order. They are written together just before the reading thread blocks for more
 * input, so a burst of requests costs one write, not one per line (F4). A {@code SEND}'s
 * reply is only chosen then, once its delivery has been completed (S4).
 * <p>
 * Only the connection's reading thread touches it. The bytes it holds are bounded (S8):
 * once they reach the connection's {@code max-queued-bytes}, the reading thread writes
 * them before it handles another request, so a client that pipelines 1,000 {@code LIST}s
 * and reads nothing is held to one budget of replies and then meets the write time-out.
 * While delaybot writes a line in pieces the replies stay queued on the {@link Outbox};
 * once a budget of them is queued there, the reading thread waits for that line to end
 * (measured without the wait: 5 clients behind a held line, 6,552 {@code LIST}s each with
 * 500 long names online, ran a 256 MB heap out of memory).
 */
final class ReplyBatch {

	/** byte[] or {@link Pending}. */
	private final List<Object> replies = new ArrayList<>();

	private final List<Runnable> afterReplies = new ArrayList<>();

	private final Outbox outbox;

	private final int maxBytes;

	private long bytes;

	/** Told when reading waits for the replies to drain (S8), for the trace (O3). */
	private final Runnable onPause;

	ReplyBatch(Outbox outbox, int maxBytes) {
		this(outbox, maxBytes, () -> {
		});
	}

	ReplyBatch(Outbox outbox, int maxBytes, Runnable onPause) {
		this.outbox = outbox;
		this.maxBytes = maxBytes;
		this.onPause = onPause;
	}

	void add(byte[] line) {
		this.replies.add(line);
		this.bytes += line.length;
		writeIfFull();
	}

	void addOnDelivery(Delivery delivery, DeliveryOutcome outcome) {
		this.replies.add(new Pending(delivery, outcome));
		this.bytes += Pending.MAX_REPLY_BYTES;
		writeIfFull();
	}

	void afterReplies(Runnable task) {
		this.afterReplies.add(task);
	}

	/** S8: replies that reached the budget are written before another request is read. */
	private void writeIfFull() {
		if (this.bytes >= this.maxBytes) {
			write();
		}
	}

	/**
	 * Queues the replies on the outbox in request order, completing each {@code SEND}'s
	 * delivery first, writes them unless a line is being written in pieces, then starts
	 * what waited for them.
	 */
	void write() {
		if (this.replies.isEmpty() && this.afterReplies.isEmpty()) {
			return;
		}
		for (Object reply : this.replies) {
			this.outbox.enqueue((reply instanceof byte[] line) ? line : ((Pending) reply).decide());
		}
		this.replies.clear();
		this.bytes = 0;
		if (this.outbox.queuedBytes() >= this.maxBytes) {
			// S8: a line in pieces holds them back; wait for it rather than read on
			this.onPause.run();
			this.outbox.flush();
		}
		else {
			this.outbox.flushUnlessHeld();
		}
		if (!this.afterReplies.isEmpty()) {
			this.afterReplies.forEach(Runnable::run);
			this.afterReplies.clear();
		}
	}

	/** A {@code SEND}'s reply, chosen once its delivery is complete. */
	private record Pending(Delivery delivery, DeliveryOutcome outcome) {

		/** {@code BAD-DEST-USER\n}, the longer of the two replies to a SEND. */
		static final int MAX_REPLY_BYTES = 14;

		byte[] decide() {
			return this.outcome.reply(this.delivery.complete());
		}

	}

}
