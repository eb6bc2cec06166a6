package io.github.chatlab.server.bots;

import java.util.List;

import io.github.chatlab.server.chat.Bot;

/**
 * The bots switched on by {@code chat.bots.*}, in the order they come online.
 *
 * @param bots the bots
 */
public record OnlineBots(List<Bot> bots) {

	/** Stops what the bots run in the background. */
	public void close() {
		for (Bot bot : this.bots) {
			if (bot instanceof Delaybot delaybot) {
				delaybot.close();
			}
		}
	}

}
