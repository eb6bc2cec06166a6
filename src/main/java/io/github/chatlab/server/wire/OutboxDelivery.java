package io.github.chatlab.server.wire;

import io.github.chatlab.server.chat.Delivery;

/**
 * A {@code DELIVERY} queued on a TCP recipient: line {@code sequence} of its outbox.
 * Completing it writes the recipient's queue if nobody has yet (S4).
 */
record OutboxDelivery(Outbox outbox, long sequence) implements Delivery {

	@Override
	public boolean complete() {
		return this.outbox.isWritten(this.sequence) || (this.outbox.flush() && this.outbox.isWritten(this.sequence));
	}

}
