package io.github.chatlab.server.console;

import java.time.Duration;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The teaching team's console (PROTOCOL.md O): its switch, its operator accounts (O1),
 * the reserved sender it speaks as (O5), and the bounds of what it keeps (O5, O6, O9).
 *
 * @param enabled whether the console runs: its JSON API, the teaching team in
 * {@code LIST}, bans, audit, history and events. Off by default, so that a student's own
 * server and the lab's test-suites see only their own users in {@code LIST}; on in the
 * {@code lab-host} profile
 * @param sender the reserved name the teaching team speaks as; nobody can log in as it
 * (O5)
 * @param accounts operator accounts by user name, beside {@code spring.security.user} (a
 * moderator) (O1)
 * @param messages how many messages to and from the teaching team are kept (O5)
 * @param audit how many audited actions are kept (O6)
 * @param history the in-process history of the meters (O7, O9)
 * @param events the server-sent event stream (O9)
 * @param loginFailures the slowdown of repeated failed logins from one address (O1)
 */
@Validated
@ConfigurationProperties("chat.console")
public record ConsoleProperties(@DefaultValue("false") boolean enabled,
		@DefaultValue("teaching-team") @NotBlank String sender, @DefaultValue @Valid Map<String, Account> accounts,
		@DefaultValue("1000") @Min(1) @Max(100_000) int messages, @DefaultValue("1000") @Min(1) @Max(100_000) int audit,
		@DefaultValue @Valid History history, @DefaultValue @Valid Events events,
		@DefaultValue @Valid LoginFailures loginFailures) {

	/** What an operator may do (O1). */
	public enum Role {

		/** Sees everything the console shows; changes nothing. */
		VIEWER,

		/** Also kicks, bans, unbans and speaks as the teaching team. */
		MODERATOR

	}

	/**
	 * @param password the password as Spring Security stores it: {@code {bcrypt}…},
	 * {@code {argon2}…}, or {@code {noop}…} for tests
	 * @param role {@code viewer} or {@code moderator}
	 */
	public record Account(@NotBlank String password, @DefaultValue("viewer") @NotNull Role role) {

		public Account {
			if (password != null && !password.startsWith("{")) {
				throw new IllegalArgumentException("chat.console.accounts.*.password must name its encoding, "
						+ "as {bcrypt}…, {argon2}… or {noop}… (a plain text password needs {noop})");
			}
		}

	}

	/**
	 * @param interval the time between two samples of the meters
	 * @param span how far back the history goes
	 */
	public record History(
			@DefaultValue("10s") @NotNull @DurationMin(seconds = 1) @DurationMax(minutes = 10) Duration interval,
			@DefaultValue("1h") @NotNull @DurationMin(minutes = 1) @DurationMax(hours = 24) Duration span) {

		/** How many samples are kept. */
		public int samples() {
			return (int) Math.max(1, this.span.toMillis() / this.interval.toMillis());
		}

	}

	/**
	 * @param maxSubscribers how many event streams may be open at once
	 * @param queue how many events may wait for one subscriber; a subscriber that falls
	 * further behind is dropped
	 */
	public record Events(@DefaultValue("16") @Min(1) @Max(1000) int maxSubscribers,
			@DefaultValue("1024") @Min(16) @Max(1_000_000) int queue) {
	}

	/**
	 * @param max failed logins from one address within {@code window} before it is
	 * refused
	 * @param window the time over which failures are counted
	 * @param block how long an address is refused (429) once over {@code max}
	 */
	public record LoginFailures(@DefaultValue("10") @Min(1) int max,
			@DefaultValue("1m") @NotNull @DurationMin(seconds = 1) Duration window,
			@DefaultValue("1m") @NotNull @DurationMin(seconds = 1) Duration block) {
	}

}
