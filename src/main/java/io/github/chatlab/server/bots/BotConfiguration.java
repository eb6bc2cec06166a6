package io.github.chatlab.server.bots;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.chatlab.server.settings.ChatProperties;
import io.github.chatlab.server.chat.Bot;

/**
 * The bots that are switched on, as one {@link OnlineBots} bean: the
 * {@code SessionRegistry} puts them online before the listener accepts anyone, so they
 * are always the oldest logins in {@code LIST}. The choice is made from the properties
 * when the application starts, not by bean conditions, so that it also holds for the
 * ahead-of-time processed start-up.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BotProperties.class)
class BotConfiguration {

	@Bean(destroyMethod = "close")
	OnlineBots onlineBots(BotProperties properties, ChatProperties chat) {
		BotRuntime runtime = new BotRuntime();
		List<Bot> bots = new ArrayList<>();
		if (properties.echobot().enabled()) {
			bots.add(new Echobot(runtime, properties.echobot().delay()));
		}
		if (properties.delaybot().enabled()) {
			bots.add(new Delaybot(runtime, properties.delaybot().step()));
		}
		if (properties.burstbot().enabled()) {
			bots.add(new Burstbot(runtime, properties.burstbot().delay()));
		}
		if (properties.splitbot().enabled()) {
			bots.add(new Splitbot(runtime, properties.splitbot().pause()));
		}
		if (properties.bigbot().enabled()) {
			bots.add(new Bigbot(runtime, chat.maxLineBytes()));
		}
		if (properties.chattybot().enabled()) {
			bots.add(new Chattybot(runtime, properties.chattybot().interval()));
		}
		return new OnlineBots(bots, runtime::close);
	}

}
