package io.github.chatlab.server.wire;

import io.github.bucket4j.Bucket;
import org.jspecify.annotations.Nullable;

/**
 * A client's budget of lines (L11): a client over it is slowed, never cut off. Its
 * replies so far are written, then its reading thread (the only one reading its socket)
 * waits for the budget to refill, and TCP's flow control holds the client back meanwhile:
 * nothing it sent is dropped, reordered or answered differently.
 */
final class LineBudget {

	private final Bucket bucket;

	private final Runnable onPause;

	private LineBudget(Bucket bucket, Runnable onPause) {
		this.bucket = bucket;
		this.onPause = onPause;
	}

	/** A fresh budget for one client; null when flow control is off. */
	static @Nullable LineBudget of(WireSettings.FloodLimit limit, Runnable onPause) {
		Bucket bucket = limit.newBudget();
		return (bucket != null) ? new LineBudget(bucket, onPause) : null;
	}

	/** Takes one line from the budget, waiting for it after {@code beforeWaiting}. */
	void take(Runnable beforeWaiting) throws InterruptedException {
		if (!this.bucket.tryConsume(1)) {
			beforeWaiting.run();
			this.onPause.run();
			this.bucket.asBlocking().consume(1);
		}
	}

}
