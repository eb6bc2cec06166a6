package io.github.chatlab.server.wire;

import java.util.function.Consumer;

import io.github.chatlab.server.chat.ChatService;

/**
 * What every connection is created with: the settings, the tracker of open connections,
 * the chat state machine it reports to, and how to make the connection factory forget it
 * once closed (S8: its memory is released at once, not at the next accept).
 */
record ConnectionContext(WireSettings settings, ConnectionTracker tracker, ChatService chat,
		Consumer<String> forgetter) {

	void forget(String connectionId) {
		this.forgetter.accept(connectionId);
	}

}
