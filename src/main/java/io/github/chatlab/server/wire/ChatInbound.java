package io.github.chatlab.server.wire;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.integration.core.GenericHandler;
import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.integration.ip.tcp.connection.TcpMessageMapper;
import org.springframework.messaging.MessageHeaders;

import io.github.chatlab.server.chat.ChatService;
import io.github.chatlab.server.chat.Session;
import io.github.chatlab.server.protocol.Frame;

/**
 * Where the TCP flow enters the chat core: the handler at the end of the inbound flow, on
 * the connection's reading thread, so one client's lines are handled one at a time, in
 * order. Each line's message carries the {@link Session} its connection got from
 * {@link ChatService#opened} (put there by {@link SessionMapper}), so that no line is
 * looked up again by its connection id; a connection that never opened a session (L9,
 * L10) sends no line here.
 */
public final class ChatInbound implements GenericHandler<Frame> {

	/** The header that carries a line's {@link Session}. */
	static final String SESSION = "chat_session";

	private final ChatService chat;

	public ChatInbound(ChatService chat) {
		this.chat = chat;
	}

	@Override
	public @Nullable Object handle(Frame frame, MessageHeaders headers) {
		Session session = headers.get(SESSION, Session.class);
		if (session != null) {
			this.chat.handle(session, frame);
		}
		return null;
	}

	/** Puts each line's {@link Session} in its message, beside the standard headers. */
	static final class SessionMapper extends TcpMessageMapper {

		@Override
		protected Map<String, ?> supplyCustomHeaders(TcpConnection connection) {
			Session session = (connection instanceof ChatConnection chat) ? chat.session() : null;
			return (session != null) ? Map.of(SESSION, session) : Map.of();
		}

	}

}
