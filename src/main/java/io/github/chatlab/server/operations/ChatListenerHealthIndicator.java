package io.github.chatlab.server.operations;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;

import io.github.chatlab.server.chat.SessionRegistry;
import io.github.chatlab.server.startup.ListenerStatus;
import io.github.chatlab.server.udp.UdpChatServer;
import io.github.chatlab.server.udp.UdpPeer;
import io.github.chatlab.server.wire.ConnectionTracker;

/**
 * Health is DOWN whenever the chat socket is not accepting connections, or the UDP socket
 * is not read while {@code chat.udp.enabled} is set (U8), whatever the HTTP side says.
 * The UDP listener is reported beside the TCP one, under {@code udp}.
 */
final class ChatListenerHealthIndicator extends AbstractHealthIndicator {

	private final TcpNetServerConnectionFactory factory;

	private final ListenerStatus status;

	private final SessionRegistry registry;

	private final ConnectionTracker tracker;

	private final UdpChatServer udp;

	ChatListenerHealthIndicator(TcpNetServerConnectionFactory factory, ListenerStatus status, SessionRegistry registry,
			ConnectionTracker tracker, UdpChatServer udp) {
		super("Chat listener health check failed");
		this.factory = factory;
		this.status = status;
		this.registry = registry;
		this.tracker = tracker;
		this.udp = udp;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		boolean up = this.status.isListening() && this.factory.isListening()
				&& (!this.udp.isEnabled() || this.udp.isListening());
		(up ? builder.up() : builder.down()).withDetail("address", String.valueOf(this.factory.getLocalAddress()))
			.withDetail("port", this.factory.getPort())
			.withDetail("users", this.registry.userCount())
			.withDetail("connections", this.tracker.openConnections())
			.withDetail("udp", udpDetails());
	}

	private Map<String, Object> udpDetails() {
		if (!this.udp.isEnabled()) {
			return Map.of("enabled", false);
		}
		long users = this.registry.users()
			.stream()
			.filter((user) -> UdpPeer.TRANSPORT.equals(user.peer().transport()))
			.count();
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("enabled", true);
		details.put("listening", this.udp.isListening());
		details.put("address", this.udp.address());
		details.put("port", this.udp.port());
		details.put("users", users);
		return details;
	}

}
