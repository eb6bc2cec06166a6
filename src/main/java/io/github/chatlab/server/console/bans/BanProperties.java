package io.github.chatlab.server.console.bans;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import io.github.chatlab.server.settings.SettingChecks;

/**
 * Where the teaching team's bans are kept and how long a ban lasts unless told (O4).
 *
 * @param file the file the bans survive a restart in, written atomically; empty keeps
 * them in memory only (the {@code lab-host} profile sets one)
 * @param defaultExpiry how long a ban lasts when its request names no expiry
 */
@ConfigurationProperties("chat.bans")
public record BanProperties(@Nullable String file,
		@DefaultValue("1h") Duration defaultExpiry) implements SettingChecks.Checked {

	@Override
	public void check(SettingChecks checks) {
		checks.atLeast("defaultExpiry", this.defaultExpiry, Duration.ofMinutes(1));
	}

}
