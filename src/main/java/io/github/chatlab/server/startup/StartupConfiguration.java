package io.github.chatlab.server.startup;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.chatlab.server.settings.ChatProperties;
import io.github.chatlab.server.protocol.UserNames;

/**
 * Start-up as the lab's tests see it: {@code Server is on} once the chat socket accepts
 * connections, or one line on standard error and a non-zero exit (R2).
 */
@Configuration(proxyBeanMethods = false)
class StartupConfiguration {

	@Bean
	ListenerStatus listenerStatus() {
		return new ListenerStatus();
	}

	@Bean
	ServerOnAnnouncer serverOnAnnouncer(ListenerStatus status, ChatProperties chat, UserNames names) {
		return new ServerOnAnnouncer(status, chat, names);
	}

}
