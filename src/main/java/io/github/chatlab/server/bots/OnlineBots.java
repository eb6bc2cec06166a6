package io.github.chatlab.server.bots;

import java.util.List;

import io.github.chatlab.server.chat.Bot;

/**
 * The bots switched on by {@code chat.bots.*}, in the order they come online.
 *
 * @param bots the bots
 * @param stop stops what the bots run in the background
 */
public record OnlineBots(List<Bot> bots, Runnable stop) {

	/** Stops what the bots run in the background. */
	public void close() {
		this.stop.run();
	}

}
