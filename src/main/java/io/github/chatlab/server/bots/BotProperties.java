package io.github.chatlab.server.bots;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The built-in test bots, off by default and on in the {@code lab-host} profile.
 *
 * @param echobot the bot that sends every message straight back
 * @param delaybot the bot that sends every message back twice, in slow fragments
 */
@ConfigurationProperties("chat.bots")
public record BotProperties(@DefaultValue Echobot echobot, @DefaultValue Delaybot delaybot) {

	/**
	 * @param enabled whether {@code echobot} is online
	 */
	public record Echobot(@DefaultValue("false") boolean enabled) {
	}

	/**
	 * @param enabled whether {@code delaybot} is online
	 * @param step the time between two fragments of its reply
	 */
	public record Delaybot(@DefaultValue("false") boolean enabled, @DefaultValue("500ms") Duration step) {

		public Delaybot {
			if (step == null || step.isNegative() || step.isZero()) {
				throw new IllegalArgumentException(
						"chat.bots.delaybot.step must be a positive duration, but was " + step);
			}
		}

	}

}
