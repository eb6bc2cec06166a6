package io.github.chatlab.server.operations;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

import io.github.chatlab.server.chat.Session;
import io.github.chatlab.server.chat.SessionRegistry;
import io.github.chatlab.server.chat.CloseReason;
import io.github.chatlab.server.udp.fault.FaultSettings;
import io.github.chatlab.server.udp.UdpPeer;
import io.github.chatlab.server.wire.ConnectionTracker;

/**
 * {@code /actuator/chat}: who is online right now, for the teaching team during a lab
 * session, and {@code DELETE /actuator/chat/{name}} to disconnect a misbehaving client
 * (its name is free at once).
 */
@Endpoint(id = "chat")
public final class ChatEndpoint {

	private final SessionRegistry registry;

	private final ConnectionTracker tracker;

	ChatEndpoint(SessionRegistry registry, ConnectionTracker tracker) {
		this.registry = registry;
		this.tracker = tracker;
	}

	@ReadOperation
	public Report report() {
		List<User> users = this.registry.users().stream().map(User::of).toList();
		return new Report(this.tracker.openConnections(), users.size(), users, this.registry.botNames());
	}

	@DeleteOperation
	public @Nullable Disconnected disconnect(@Selector String name) {
		return this.registry.disconnect(name, CloseReason.OPERATOR) ? new Disconnected(name) : null;
	}

	/** The whole view. */
	public record Report(int connections, int usersOnline, List<User> users, List<String> bots) {
	}

	/**
	 * One logged-in user; {@code faults} are a UDP user's own fault settings (U7), null
	 * for TCP.
	 */
	public record User(String name, String transport, String address, int port, @Nullable Instant loggedInAt,
			long messagesSent, long messagesReceived, @Nullable Faults faults) {

		static User of(Session session) {
			InetSocketAddress remote = session.peer().remoteAddress();
			Faults faults = (session.transportPeer() instanceof UdpPeer udp) ? Faults.of(udp.faultSettings()) : null;
			return new User(String.valueOf(session.name()), session.peer().transport(),
					remote.getAddress().getHostAddress(), remote.getPort(), session.loggedInAt(), session.sent(),
					session.received(), faults);
		}

	}

	/**
	 * A UDP user's fault settings, named as the {@code chat.udp.faults.*} defaults are.
	 */
	public record Faults(double drop, double flip, double burst, double delay, Range burstLen, Range delayLen) {

		static Faults of(FaultSettings settings) {
			return new Faults(settings.drop(), settings.flip(), settings.burst(), settings.delay(),
					new Range(settings.burstLenLo(), settings.burstLenHi()),
					new Range(settings.delayLenLo(), settings.delayLenHi()));
		}

	}

	/** A length range: bits for {@code burstLen}, whole seconds for {@code delayLen}. */
	public record Range(int lo, int hi) {
	}

	/** The answer to a DELETE that found its user. */
	public record Disconnected(String disconnected) {
	}

}
