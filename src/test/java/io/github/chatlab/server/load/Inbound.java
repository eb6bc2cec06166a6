package io.github.chatlab.server.load;

import java.util.BitSet;

/**
 * What one receiver got on one flow: which sequence numbers, how many twice, how many out
 * of order. The integrity check compares it with the sender's {@link Outbound#acked()}
 * set.
 */
final class Inbound {

	private final boolean ordered;

	private final BitSet seen = new BitSet();

	private long received;

	private long duplicates;

	private long reordered;

	private long lastSeq = -1;

	/**
	 * {@code ordered}: the flow has one sender, so its deliveries must arrive in sequence
	 * order (S6).
	 */
	Inbound(boolean ordered) {
		this.ordered = ordered;
	}

	void accept(long seq) {
		this.received++;
		if (seq > Integer.MAX_VALUE - 1 || this.seen.get((int) seq)) {
			this.duplicates++;
			return;
		}
		this.seen.set((int) seq);
		if (this.ordered && seq < this.lastSeq) {
			this.reordered++;
		}
		this.lastSeq = Math.max(this.lastSeq, seq);
	}

	BitSet seen() {
		return this.seen;
	}

	long received() {
		return this.received;
	}

	long duplicates() {
		return this.duplicates;
	}

	long reordered() {
		return this.reordered;
	}

}
