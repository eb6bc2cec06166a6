package io.github.chatlab.server.console;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import io.github.chatlab.server.settings.SettingChecks;

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
@ConfigurationProperties("chat.console")
public record ConsoleProperties(@DefaultValue("false") boolean enabled, @DefaultValue("teaching-team") String sender,
		@DefaultValue Map<String, Account> accounts, @DefaultValue("1000") int messages,
		@DefaultValue("1000") int audit, @DefaultValue History history, @DefaultValue Events events,
		@DefaultValue LoginFailures loginFailures) implements SettingChecks.Checked {

	@Override
	public void check(SettingChecks checks) {
		checks.notBlank("sender", this.sender)
			.between("messages", this.messages, 1, 100_000)
			.between("audit", this.audit, 1, 100_000);
	}

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
	public record Account(String password, @DefaultValue("viewer") Role role) implements SettingChecks.Checked {

		public Account {
			if (password != null && !password.startsWith("{")) {
				throw new IllegalArgumentException("chat.console.accounts.*.password must name its encoding, "
						+ "as {bcrypt}…, {argon2}… or {noop}… (a plain text password needs {noop})");
			}
		}

		@Override
		public void check(SettingChecks checks) {
			checks.notBlank("password", this.password).notNull("role", this.role);
		}

	}

	/**
	 * @param interval the time between two samples of the meters
	 * @param span how far back the history goes
	 */
	public record History(@DefaultValue("10s") Duration interval,
			@DefaultValue("1h") Duration span) implements SettingChecks.Checked {

		@Override
		public void check(SettingChecks checks) {
			checks.between("interval", this.interval, Duration.ofSeconds(1), Duration.ofMinutes(10))
				.between("span", this.span, Duration.ofMinutes(1), Duration.ofHours(24));
		}

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
	public record Events(@DefaultValue("16") int maxSubscribers,
			@DefaultValue("1024") int queue) implements SettingChecks.Checked {

		@Override
		public void check(SettingChecks checks) {
			checks.between("maxSubscribers", this.maxSubscribers, 1, 1000).between("queue", this.queue, 16, 1_000_000);
		}

	}

	/**
	 * @param max failed logins from one address within {@code window} before it is
	 * refused
	 * @param window the time over which failures are counted
	 * @param block how long an address is refused (429) once over {@code max}
	 */
	public record LoginFailures(@DefaultValue("10") int max, @DefaultValue("1m") Duration window,
			@DefaultValue("1m") Duration block) implements SettingChecks.Checked {

		@Override
		public void check(SettingChecks checks) {
			checks.atLeast("max", this.max, 1)
				.atLeast("window", this.window, Duration.ofSeconds(1))
				.atLeast("block", this.block, Duration.ofSeconds(1));
		}

	}

}
