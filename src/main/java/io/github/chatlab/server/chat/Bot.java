package io.github.chatlab.server.chat;

import io.github.chatlab.server.protocol.Command.Send;

/**
 * A user that lives inside the server: it has a name, shows in {@code LIST}, takes its
 * name from everyone else, and does not count towards {@code chat.max-clients}. A message
 * to it counts as delivered the moment it is handed over (S4).
 */
public interface Bot {

	String name();

	/**
	 * Takes {@code send} from {@code sender}, on the sender's reading thread after its
	 * {@code SEND-OK} was queued; must not block.
	 */
	void receive(Session sender, Send send);

}
