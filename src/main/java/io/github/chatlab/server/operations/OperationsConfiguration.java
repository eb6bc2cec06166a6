package io.github.chatlab.server.operations;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;

import io.github.chatlab.server.chat.SessionRegistry;
import io.github.chatlab.server.startup.ListenerStatus;
import io.github.chatlab.server.udp.UdpChatServer;
import io.github.chatlab.server.wire.ConnectionTracker;

/**
 * What an operator sees over HTTP: the chat listeners' health (TCP and UDP) and the live
 * {@code /actuator/chat} view with its kick.
 */
@Configuration(proxyBeanMethods = false)
class OperationsConfiguration {

	@Bean
	ChatEndpoint chatEndpoint(SessionRegistry registry, ConnectionTracker tracker) {
		return new ChatEndpoint(registry, tracker);
	}

	@Bean
	ChatListenerHealthIndicator chatListenerHealthIndicator(TcpNetServerConnectionFactory chatConnectionFactory,
			ListenerStatus status, SessionRegistry registry, ConnectionTracker tracker, UdpChatServer udpChatServer) {
		return new ChatListenerHealthIndicator(chatConnectionFactory, status, registry, tracker, udpChatServer);
	}

}
