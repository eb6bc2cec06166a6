package io.github.chatlab.server.console.bans;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the teaching team's bans are kept and how long a ban lasts unless told (O4).
 *
 * @param file the file the bans survive a restart in, written atomically; empty keeps
 * them in memory only (the {@code lab-host} profile sets one)
 * @param defaultExpiry how long a ban lasts when its request names no expiry
 */
@Validated
@ConfigurationProperties("chat.bans")
public record BanProperties(@Nullable String file,
		@DefaultValue("1h") @NotNull @DurationMin(minutes = 1) Duration defaultExpiry) {
}
