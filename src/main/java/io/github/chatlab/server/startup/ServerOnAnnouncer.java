package io.github.chatlab.server.startup;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

import io.github.chatlab.server.settings.ChatProperties;
import io.github.chatlab.server.protocol.UserNames;

/**
 * Prints {@code Server is on} once the application is ready and the chat socket accepts
 * connections, and nothing else on standard output's behalf; if the socket cannot be
 * bound, prints one line on standard error and exits with status 1 (R2). The lab's tests
 * wait for exactly that line. Only then does the ICU4J data for user names (L2) start
 * loading, so that start-up never waits for it.
 */
final class ServerOnAnnouncer {

	private static final long LISTEN_TIMEOUT_SECONDS = 30;

	private final ListenerStatus status;

	private final ChatProperties properties;

	private final UserNames names;

	ServerOnAnnouncer(ListenerStatus status, ChatProperties properties, UserNames names) {
		this.status = status;
		this.properties = properties;
		this.names = names;
	}

	@EventListener
	void ready(ApplicationReadyEvent event) {
		try {
			this.status.awaitListening(LISTEN_TIMEOUT_SECONDS);
		}
		catch (IllegalStateException ex) {
			System.err.println("chat-server: cannot listen on " + this.properties.address() + ":"
					+ this.properties.port() + ": " + ex.getMessage());
			System.err.flush();
			System.exit(SpringApplication.exit(event.getApplicationContext(), () -> 1));
		}
		System.out.println("Server is on");
		System.out.flush();
		this.names.loadInBackground();
	}

}
