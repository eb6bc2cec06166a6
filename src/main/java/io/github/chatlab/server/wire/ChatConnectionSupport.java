package io.github.chatlab.server.wire;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.integration.ip.tcp.connection.TcpNetConnection;
import org.springframework.integration.ip.tcp.connection.TcpNetConnectionSupport;

/**
 * Makes the server connection factory create {@link ChatConnection}s instead of plain
 * ones.
 */
public final class ChatConnectionSupport implements TcpNetConnectionSupport {

	private final WireSettings settings;

	private final ConnectionTracker tracker;

	private final DeliveryListener deliveries;

	public ChatConnectionSupport(WireSettings settings, ConnectionTracker tracker, DeliveryListener deliveries) {
		this.settings = settings;
		this.tracker = tracker;
		this.deliveries = deliveries;
	}

	@Override
	public TcpNetConnection createNewConnection(Socket socket, boolean server, boolean lookupHost,
			@Nullable ApplicationEventPublisher publisher, @Nullable String connectionFactoryName) {

		try {
			return new ChatConnection(socket, publisher, connectionFactoryName, this.settings, this.tracker,
					this.deliveries);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
