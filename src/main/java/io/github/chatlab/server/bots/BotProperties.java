package io.github.chatlab.server.bots;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The built-in test bots, off by default and on in the {@code lab-host} profile.
 *
 * @param echobot the bot that sends every message straight back
 * @param delaybot the bot that sends every message back twice, in slow fragments
 */
@Validated
@ConfigurationProperties("chat.bots")
public record BotProperties(@DefaultValue @Valid Echobot echobot, @DefaultValue @Valid Delaybot delaybot) {

	/**
	 * @param enabled whether {@code echobot} is online
	 * @param delay the pause between the {@code SEND-OK} and the echo, which goes out in
	 * a write of its own as a separate client's would
	 */
	public record Echobot(@DefaultValue("false") boolean enabled,
			@DefaultValue("20ms") @NotNull @DurationMin(millis = 0) @DurationMax(seconds = 10) Duration delay) {
	}

	/**
	 * @param enabled whether {@code delaybot} is online
	 * @param step the time between two fragments of its reply
	 */
	public record Delaybot(@DefaultValue("false") boolean enabled,
			@DefaultValue("500ms") @NotNull @DurationMin(millis = 1) @DurationMax(seconds = 10) Duration step) {
	}

}
