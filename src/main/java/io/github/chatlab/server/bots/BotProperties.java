package io.github.chatlab.server.bots;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import io.github.chatlab.server.settings.SettingChecks;

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
@ConfigurationProperties("chat.bots")
public record BotProperties(@DefaultValue Echobot echobot, @DefaultValue Delaybot delaybot,
		@DefaultValue Burstbot burstbot, @DefaultValue Splitbot splitbot, @DefaultValue Bigbot bigbot,
		@DefaultValue Chattybot chattybot) {

	/** The longest pause a bot may be told to make between two writes. */
	static final Duration MAX_PAUSE = Duration.ofSeconds(10);

	/**
	 * @param enabled whether {@code echobot} is online
	 * @param delay the pause between the {@code SEND-OK} and the echo, which goes out in
	 * a write of its own as a separate client's would
	 */
	public record Echobot(@DefaultValue("false") boolean enabled,
			@DefaultValue("20ms") Duration delay) implements SettingChecks.Checked {

		@Override
		public void check(SettingChecks checks) {
			checks.between("delay", this.delay, Duration.ZERO, MAX_PAUSE);
		}

	}

	/**
	 * @param enabled whether {@code delaybot} is online
	 * @param step the time between two fragments of its reply
	 */
	public record Delaybot(@DefaultValue("false") boolean enabled,
			@DefaultValue("500ms") Duration step) implements SettingChecks.Checked {

		@Override
		public void check(SettingChecks checks) {
			checks.between("step", this.step, Duration.ofMillis(1), MAX_PAUSE);
		}

	}

	/**
	 * @param enabled whether {@code burstbot} is online
	 * @param delay the pause between the {@code SEND-OK} and the burst, so the three
	 * lines come in a write of their own
	 */
	public record Burstbot(@DefaultValue("false") boolean enabled,
			@DefaultValue("20ms") Duration delay) implements SettingChecks.Checked {

		@Override
		public void check(SettingChecks checks) {
			checks.between("delay", this.delay, Duration.ZERO, MAX_PAUSE);
		}

	}

	/**
	 * @param enabled whether {@code splitbot} is online
	 * @param pause the time between the two writes of its reply
	 */
	public record Splitbot(@DefaultValue("false") boolean enabled,
			@DefaultValue("200ms") Duration pause) implements SettingChecks.Checked {

		@Override
		public void check(SettingChecks checks) {
			checks.between("pause", this.pause, Duration.ofMillis(1), MAX_PAUSE);
		}

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
			@DefaultValue("1s") Duration interval) implements SettingChecks.Checked {

		@Override
		public void check(SettingChecks checks) {
			checks.between("interval", this.interval, Duration.ofMillis(1), MAX_PAUSE);
		}

	}

}
