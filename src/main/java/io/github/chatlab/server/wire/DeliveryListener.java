package io.github.chatlab.server.wire;

/**
 * Told, when a connection writes its replies, how each {@code SEND} it answered turned
 * out: the {@code DELIVERY} was written to the recipient's socket (and {@code SEND-OK}
 * follows), or not (S4, S5).
 */
public interface DeliveryListener {

	DeliveryListener NONE = new DeliveryListener() {

		@Override
		public void written(long sendNanos) {
		}

		@Override
		public void notWritten() {
		}

	};

	/**
	 * The delivery was written; {@code sendNanos} is how long since its SEND was read.
	 */
	void written(long sendNanos);

	/** The delivery could not be written: the recipient was disconnected. */
	void notWritten();

}
