package io.github.chatlab.server.chat;

import io.github.chatlab.server.protocol.Command.Send;

/**
 * A user that lives inside the server: it has a name, shows in {@code LIST}, takes its
 * name from everyone else, and does not count towards {@code chat.max-clients}. A message
 * to it counts as delivered the moment it takes it (S4).
 */
public interface Bot {

	String name();

	/**
	 * Takes {@code send} from {@code sender}, on the sender's thread; must not block.
	 * What it sends back must come after the sender's {@code SEND-OK} (see
	 * {@link Peer#afterReplies}).
	 * @return false when its backlog for this sender is full, so the sender gets
	 * {@code BAD-DEST-USER} (S8)
	 */
	boolean receive(Session sender, Send send);

}
