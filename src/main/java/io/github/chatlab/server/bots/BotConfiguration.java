package io.github.chatlab.server.bots;

import java.util.concurrent.ScheduledThreadPoolExecutor;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The enabled bots, as {@code Bot} beans: the {@code SessionRegistry} puts them online before the listener
 * accepts anyone, so they are always the oldest logins in {@code LIST}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BotProperties.class)
class BotConfiguration {

	@Bean
	@ConditionalOnBooleanProperty("chat.bots.echobot.enabled")
	Echobot echobot() {
		return new Echobot();
	}

	@Bean(destroyMethod = "close")
	@ConditionalOnBooleanProperty("chat.bots.delaybot.enabled")
	Delaybot delaybot(BotProperties bots) {
		ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, runnable -> {
			Thread thread = new Thread(runnable, "chat-delaybot");
			thread.setDaemon(true);
			return thread;
		});
		return new Delaybot(bots.delaybot().step(), timer);
	}

}
