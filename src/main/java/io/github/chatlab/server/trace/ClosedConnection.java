package io.github.chatlab.server.trace;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A connection that ended, kept so "why was I disconnected?" has an answer after the fact
 * (O3): who, from where, when, why (O2's reason) and its last lines.
 *
 * @param id the transport's id of the connection
 * @param transport {@code tcp} or {@code udp}
 * @param address the client's address, without its port
 * @param port the client's port
 * @param name the user it was logged in as, null if none
 * @param opened when it opened
 * @param closed when it ended
 * @param closeTag the {@code chat.disconnects} tag of the close, e.g.
 * {@code login-timeout}
 * @param rule the rule of why it ended
 * @param reason the sentence of why it ended
 * @param entries its trace, oldest first, rendered as it is read
 */
public record ClosedConnection(String id, String transport, String address, int port, @Nullable String name,
		Instant opened, Instant closed, String closeTag, String rule, String reason, List<TraceEntry> entries) {
}
