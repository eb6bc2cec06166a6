package io.github.chatlab.server.operations;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;

import io.github.chatlab.server.chat.SessionRegistry;
import io.github.chatlab.server.startup.ListenerStatus;
import io.github.chatlab.server.wire.ConnectionTracker;

/**
 * Health is DOWN whenever the chat socket is not accepting connections, whatever the HTTP
 * side says.
 */
final class ChatListenerHealthIndicator extends AbstractHealthIndicator {

	private final TcpNetServerConnectionFactory factory;

	private final ListenerStatus status;

	private final SessionRegistry registry;

	private final ConnectionTracker tracker;

	ChatListenerHealthIndicator(TcpNetServerConnectionFactory factory, ListenerStatus status, SessionRegistry registry,
			ConnectionTracker tracker) {
		super("Chat listener health check failed");
		this.factory = factory;
		this.status = status;
		this.registry = registry;
		this.tracker = tracker;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		boolean up = this.status.isListening() && this.factory.isListening();
		(up ? builder.up() : builder.down()).withDetail("address", String.valueOf(this.factory.getLocalAddress()))
			.withDetail("port", this.factory.getPort())
			.withDetail("users", this.registry.userCount())
			.withDetail("connections", this.tracker.openConnections());
	}

}
