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
 * @param burstbot the bot that sends every message back three times in one write
 * @param splitbot the bot that sends every message back in two writes, cut inside a
 * character
 * @param bigbot the bot that answers {@code <n>} with a message of exactly n bytes
 * @param chattybot the bot that answers {@code <n>} with n messages, one a second
 */
@Validated
@ConfigurationProperties("chat.bots")
public record BotProperties(@DefaultValue @Valid Echobot echobot, @DefaultValue @Valid Delaybot delaybot,
		@DefaultValue @Valid Burstbot burstbot, @DefaultValue @Valid Splitbot splitbot,
		@DefaultValue @Valid Bigbot bigbot, @DefaultValue @Valid Chattybot chattybot) {

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

	/**
	 * @param enabled whether {@code burstbot} is online
	 * @param delay the pause between the {@code SEND-OK} and the burst, so the three
	 * lines come in a write of their own
	 */
	public record Burstbot(@DefaultValue("false") boolean enabled,
			@DefaultValue("20ms") @NotNull @DurationMin(millis = 0) @DurationMax(seconds = 10) Duration delay) {
	}

	/**
	 * @param enabled whether {@code splitbot} is online
	 * @param pause the time between the two writes of its reply
	 */
	public record Splitbot(@DefaultValue("false") boolean enabled,
			@DefaultValue("200ms") @NotNull @DurationMin(millis = 1) @DurationMax(seconds = 10) Duration pause) {
	}

	/**
	 * @param enabled whether {@code bigbot} is online; its longest message fills
	 * {@code chat.max-line-bytes}
	 */
	public record Bigbot(@DefaultValue("false") boolean enabled) {
	}

	/**
	 * @param enabled whether {@code chattybot} is online
	 * @param interval the time between two of its messages
	 */
	public record Chattybot(@DefaultValue("false") boolean enabled,
			@DefaultValue("1s") @NotNull @DurationMin(millis = 1) @DurationMax(seconds = 10) Duration interval) {
	}

}
