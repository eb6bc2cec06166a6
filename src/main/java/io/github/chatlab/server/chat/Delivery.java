package io.github.chatlab.server.chat;

/**
 * A {@code DELIVERY} line queued for a recipient, which its sender's {@code SEND-OK}
 * waits on (S4).
 */
public interface Delivery {

	/** A delivery to a recipient that is gone (S5). */
	Delivery FAILED = () -> false;

	/** A delivery that is on its way the moment it is handed over (a bot, a datagram). */
	Delivery HANDED_OVER = () -> true;

	/**
	 * Writes the line if nothing else has yet, waiting at most for the write time-out,
	 * and tells whether it reached the recipient's socket; on false the recipient has
	 * been disconnected (S5, S7).
	 */
	boolean complete();

}
