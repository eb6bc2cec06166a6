package io.github.chatlab.server;

import java.time.Duration;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import io.github.chatlab.server.protocol.UserNames;
import io.github.chatlab.server.protocol.UserNames.Uniqueness;

/**
 * Every setting of the chat listener, bound from {@code chat.*} (and, for the lab's
 * launcher, from the bare {@code address} and {@code port} keys, see
 * {@code application.yml}). Invalid values stop start-up with a message naming the key.
 *
 * @param address the address to listen on (F1)
 * @param port the TCP port to listen on, 0 for any free port (F1)
 * @param maxClients how many users may be logged in at once; the next login gets
 * {@code BUSY} (L3.3)
 * @param maxConnections how many TCP connections may be open at once, logged in or not
 * (L9)
 * @param maxLineBytes the longest line accepted, in bytes before the LF, a CR included
 * (F5)
 * @param usernamePattern the regular expression a whole user name must match (L2)
 * @param names when two user names are the same name (L2)
 * @param loginTimeout how long a connection may stay without logging in, counted from
 * connect (L8)
 * @param writeTimeout how long a socket may accept nothing before its user is
 * disconnected (S5, S7)
 * @param closeLinger how long the server discards a closing client's input before closing
 * (L5)
 * @param threads what reads each connection: {@code auto} (virtual threads on Java 21 or
 * later, else platform threads), {@code platform} or {@code virtual}
 */
@Validated
@ConfigurationProperties("chat")
public record ChatProperties(@DefaultValue("127.0.0.1") @NotBlank String address,
		@DefaultValue("5378") @Min(0) @Max(65535) int port, @DefaultValue("16") @Min(1) @Max(1_000_000) int maxClients,
		@DefaultValue("1024") @Min(1) @Max(1_000_000) int maxConnections,
		@DefaultValue("65536") @Min(16) @Max(16 * 1024 * 1024) int maxLineBytes,
		@DefaultValue("[\\p{L}\\p{N}_-][\\p{L}\\p{M}\\p{N}_-]{0,31}") @NotBlank String usernamePattern,
		@DefaultValue Names names, @DefaultValue("30s") Duration loginTimeout,
		@DefaultValue("5s") Duration writeTimeout, @DefaultValue("1s") Duration closeLinger,
		@DefaultValue("auto") Threads threads) {

	/**
	 * @param unique {@code exact}: {@code bob} and {@code Bob} are two users;
	 * {@code confusable}: names whose confusable skeletons match are one name, so the
	 * second login gets {@code IN-USE} (L2, L3.4)
	 */
	public record Names(@DefaultValue("exact") Uniqueness unique) {

		public Names {
			if (unique == null) {
				throw new IllegalArgumentException("chat.names.unique must be exact or confusable");
			}
		}

	}

	/** The kind of thread that reads a connection. */
	public enum Threads {

		/**
		 * Virtual threads where the JVM has them (Java 21 or later), else platform
		 * threads.
		 */
		AUTO,

		/** One platform thread per connection; works on Java 17. */
		PLATFORM,

		/** One virtual thread per connection; needs Java 21 or later. */
		VIRTUAL

	}

	public ChatProperties {
		requirePositive("chat.login-timeout", loginTimeout);
		requirePositive("chat.write-timeout", writeTimeout);
		requirePositive("chat.close-linger", closeLinger);
		if (threads == Threads.VIRTUAL && !VirtualThreads.available()) {
			throw new IllegalArgumentException(
					"chat.threads=virtual needs Java 21 or later; this is Java " + Runtime.version().feature());
		}
		if (usernamePattern != null) {
			try {
				Pattern.compile(usernamePattern);
			}
			catch (PatternSyntaxException ex) {
				throw new IllegalArgumentException(
						"chat.username-pattern is not a valid regular expression: " + ex.getDescription());
			}
		}
	}

	/**
	 * Whether connections are read by virtual threads, {@code auto} resolved for this
	 * JVM.
	 */
	public boolean virtualThreads() {
		return this.threads == Threads.VIRTUAL || (this.threads == Threads.AUTO && VirtualThreads.available());
	}

	/** What makes a user name valid and unique, by these settings (L2). */
	public UserNames userNames() {
		return new UserNames(Pattern.compile(this.usernamePattern), this.names.unique());
	}

	private static void requirePositive(String key, Duration value) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException(key + " must be a positive duration, e.g. 5s, but was " + value);
		}
	}

}
