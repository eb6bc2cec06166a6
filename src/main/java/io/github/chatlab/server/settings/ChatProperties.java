package io.github.chatlab.server.settings;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import io.github.chatlab.server.chat.AddressLimits;
import io.github.chatlab.server.chat.Cidr;
import io.github.chatlab.server.protocol.UserNames;
import io.github.chatlab.server.protocol.UserNames.Uniqueness;

/**
 * Every setting of the chat listener, bound from {@code chat.*} (and, for the lab's
 * launcher, from the bare {@code address} and {@code port} keys, see
 * {@code application.yml}). The defaults are here and only here. Invalid values stop
 * start-up with a message naming the key.
 *
 * @param address the address to listen on (F1)
 * @param port the TCP port to listen on, 0 for any free port (F1)
 * @param maxClients how many users may be logged in at once; the next login gets
 * {@code BUSY} (L3.3); 0 refuses every login (L9)
 * @param maxConnections how many TCP connections may be open at once, logged in or not
 * (L9)
 * @param maxLineBytes the longest line accepted, in bytes before the LF, a CR included
 * (F5)
 * @param maxQueuedBytes the most a client's unsent replies may hold; beyond it the server
 * stops reading that client's requests until they are written (S8)
 * @param usernamePattern the regular expression a whole user name must match (L2)
 * @param names when two user names are the same name (L2)
 * @param loginTimeout how long a connection may stay without logging in, counted from
 * connect (L8)
 * @param writeTimeout how long a socket may accept nothing before its user is
 * disconnected (S5, S7)
 * @param closeLinger how long the server discards a refused client's input before closing
 * (L5)
 * @param keepalive TCP keepalive, which finds peers that vanished (L8)
 * @param sendBuffer each socket's send buffer: small enough that a slow but steady reader
 * keeps a blocked write moving and its kernel's window opening (S5, S7)
 * @param perAddress what one source address may hold (L10)
 * @param flood each client's budget of lines (L11)
 * @param threads what reads each connection: {@code auto} (virtual threads on Java 21 or
 * later, else platform threads), {@code platform} or {@code virtual}
 */
@ConfigurationProperties("chat")
public record ChatProperties(@DefaultValue("127.0.0.1") String address, @DefaultValue("5378") int port,
		@DefaultValue("16") int maxClients, @DefaultValue("1024") int maxConnections,
		@DefaultValue("65536") int maxLineBytes, @DefaultValue("1MB") DataSize maxQueuedBytes,
		@DefaultValue("[\\p{L}\\p{N}_-][\\p{L}\\p{M}\\p{N}_-]{0,31}") String usernamePattern, @DefaultValue Names names,
		@DefaultValue("30s") Duration loginTimeout, @DefaultValue("5s") Duration writeTimeout,
		@DefaultValue("1s") Duration closeLinger, @DefaultValue KeepAlive keepalive,
		@DefaultValue("4KB") DataSize sendBuffer, @DefaultValue PerAddress perAddress, @DefaultValue Flood flood,
		@DefaultValue("auto") Threads threads) implements SettingChecks.Checked {

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

	/**
	 * TCP keepalive per connection (L8): a peer that vanished is found after
	 * {@code idle + interval × count}, about 2 minutes by default.
	 *
	 * @param idle silence before the first probe
	 * @param interval time between probes
	 * @param count unanswered probes before the peer counts as gone
	 */
	public record KeepAlive(@DefaultValue("60s") Duration idle, @DefaultValue("10s") Duration interval,
			@DefaultValue("6") int count) implements SettingChecks.Checked {

		@Override
		public void check(SettingChecks checks) {
			checks.atLeast("idle", this.idle, Duration.ofSeconds(1))
				.atLeast("interval", this.interval, Duration.ofSeconds(1))
				.between("count", this.count, 1, 127);
		}

	}

	/**
	 * What one source address (IPv4 address, IPv6 /64) may hold (L10). The defaults let a
	 * campus NAT with dozens of students through; the {@code lab-host} profile is
	 * stricter.
	 *
	 * @param maxPending connections not yet logged in
	 * @param maxUsers logged-in users; 0 for no limit but {@code max-clients}
	 * @param connectRate new connections per second; 0 for no limit
	 * @param connectBurst new connections at once before the rate applies
	 * @param exempt address blocks with no such limits (CIDR)
	 */
	// @formatter:off (it would break the array of exempt's default over two lines)
	public record PerAddress(@DefaultValue("64") int maxPending, @DefaultValue("0") int maxUsers,
			@DefaultValue("20") int connectRate, @DefaultValue("100") int connectBurst,
			@DefaultValue({ "127.0.0.1/32", "::1/128" }) List<String> exempt) implements SettingChecks.Checked {
	// @formatter:on

		public PerAddress {
			if (exempt != null) {
				for (String block : exempt) {
					try {
						Cidr.parse(block);
					}
					catch (IllegalArgumentException ex) {
						throw new IllegalArgumentException("chat.per-address.exempt: " + ex.getMessage());
					}
				}
			}
		}

		@Override
		public void check(SettingChecks checks) {
			checks.atLeast("maxPending", this.maxPending, 1)
				.atLeast("maxUsers", this.maxUsers, 0)
				.atLeast("connectRate", this.connectRate, 0)
				.atLeast("connectBurst", this.connectBurst, 1)
				.notNull("exempt", this.exempt);
		}

		/** These settings as the limits the server applies. */
		public AddressLimits limits() {
			return new AddressLimits(this.maxPending, this.maxUsers, this.connectRate, this.connectBurst,
					this.exempt.stream().map(Cidr::parse).toList());
		}

	}

	/**
	 * Flow control (L11): a client sending more lines a second than {@code rate}, after a
	 * {@code burst}, is slowed (the server stops reading it), never cut off.
	 *
	 * @param rate lines per second; 0 turns flow control off
	 * @param burst lines at once before the rate applies
	 */
	public record Flood(@DefaultValue("0") int rate, @DefaultValue("200") int burst) implements SettingChecks.Checked {

		@Override
		public void check(SettingChecks checks) {
			checks.atLeast("rate", this.rate, 0).atLeast("burst", this.burst, 1);
		}

	}

	public ChatProperties {
		if (threads == Threads.VIRTUAL && Runtime.version().feature() < 21) {
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
		if (maxQueuedBytes != null && (maxQueuedBytes.toBytes() < 1024 || maxQueuedBytes.toBytes() > 1L << 30)) {
			throw new IllegalArgumentException(
					"chat.max-queued-bytes must be between 1KB and 1GB, but was " + maxQueuedBytes);
		}
		if (sendBuffer != null && (sendBuffer.toBytes() < 1024 || sendBuffer.toBytes() > 64L << 20)) {
			throw new IllegalArgumentException("chat.send-buffer must be between 1KB and 64MB, but was " + sendBuffer);
		}
	}

	@Override
	public void check(SettingChecks checks) {
		checks.notBlank("address", this.address)
			.between("port", this.port, 0, 65535)
			.between("maxClients", this.maxClients, 0, 1_000_000)
			.between("maxConnections", this.maxConnections, 1, 1_000_000)
			.between("maxLineBytes", this.maxLineBytes, 16, 16 * 1024 * 1024)
			.notNull("maxQueuedBytes", this.maxQueuedBytes)
			.notBlank("usernamePattern", this.usernamePattern)
			.atLeast("loginTimeout", this.loginTimeout, Duration.ofMillis(1))
			.atLeast("writeTimeout", this.writeTimeout, Duration.ofMillis(1))
			.atLeast("closeLinger", this.closeLinger, Duration.ofMillis(1))
			.notNull("sendBuffer", this.sendBuffer)
			.notNull("threads", this.threads);
	}

	/**
	 * Whether connections are read by virtual threads, {@code auto} resolved for this
	 * JVM.
	 */
	public boolean virtualThreads() {
		return this.threads == Threads.VIRTUAL || (this.threads == Threads.AUTO && Runtime.version().feature() >= 21);
	}

	/** What makes a user name valid and unique, by these settings (L2). */
	public UserNames userNames() {
		return new UserNames(Pattern.compile(this.usernamePattern), this.names.unique());
	}

}
