package io.github.chatlab.server.bots;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.chatlab.server.chat.Bot;

/**
 * The bots that are switched on, as one {@link OnlineBots} bean: the
 * {@code SessionRegistry} puts them online before the listener accepts anyone, so they
 * are always the oldest logins in {@code LIST}. The choice is made from the properties
 * when the application starts, not by bean conditions, so that it also holds for the
 * ahead-of-time processed start-up (see the README).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BotProperties.class)
class BotConfiguration {

	@Bean(destroyMethod = "close")
	OnlineBots onlineBots(BotProperties properties) {
		List<Bot> bots = new ArrayList<>();
		if (properties.echobot().enabled()) {
			bots.add(new Echobot());
		}
		if (properties.delaybot().enabled()) {
			ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, runnable -> {
				Thread thread = new Thread(runnable, "chat-delaybot");
				thread.setDaemon(true);
				return thread;
			});
			ExecutorService writers = Executors.newCachedThreadPool(runnable -> {
				Thread thread = new Thread(runnable, "chat-delaybot-writer");
				thread.setDaemon(true);
				return thread;
			});
			bots.add(new Delaybot(properties.delaybot().step(), timer, writers));
		}
		return new OnlineBots(bots);
	}

}
