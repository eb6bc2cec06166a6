package io.github.chatlab.server.console.bans;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import io.github.chatlab.server.chat.Cidr;
import io.github.chatlab.server.chat.Gate;
import io.github.chatlab.server.console.bans.Ban.Kind;
import io.github.chatlab.server.protocol.Reason;
import io.github.chatlab.server.protocol.Reasons;
import io.github.chatlab.server.protocol.UserNames;

/**
 * The teaching team's bans (O4) and the {@link Gate} the transports ask: a name ban
 * matches by the names' uniqueness key (in {@code confusable} mode the skeleton, so
 * {@code Alice} and Cyrillic {@code аlice} are banned with {@code alice}), an address ban
 * by its block (a bare IPv4 address is itself, a bare IPv6 address its /64, as L10
 * counts; a CIDR block as given). Expired bans match nothing and are dropped by
 * {@link #dropExpired()}.
 * <p>
 * Reads take no lock: every connect and login reads one immutable snapshot, which with no
 * bans is an empty list. Changes are serialized, written to {@code chat.bans.file} first
 * and made visible only once the file holds them, so the list in memory is never ahead of
 * the disk.
 */
public final class Bans implements Gate {

	private static final Log logger = LogFactory.getLog(Bans.class);

	private static final SecureRandom ids = new SecureRandom();

	private final UserNames names;

	private final @Nullable BanFile file;

	private final Clock clock;

	private final Duration defaultExpiry;

	private volatile List<Active> active = List.of();

	/**
	 * @param file where the bans survive a restart; null keeps them in memory only
	 */
	Bans(UserNames names, @Nullable BanFile file, Clock clock, Duration defaultExpiry) {
		this.names = names;
		this.file = file;
		this.clock = clock;
		this.defaultExpiry = defaultExpiry;
	}

	/**
	 * The bans, kept in {@code file} (written atomically), or in memory only when null.
	 */
	public static Bans create(UserNames names, @Nullable Path file, Clock clock, Duration defaultExpiry) {
		return new Bans(names, (file != null) ? new BanFile(file, JsonMapper.builder().build()) : null, clock,
				defaultExpiry);
	}

	/**
	 * Reads the file, if any, dropping the bans that expired while the server was down.
	 */
	public synchronized void load() {
		if (this.file == null) {
			return;
		}
		List<Ban> read = this.file.read();
		Instant now = this.clock.instant();
		List<Active> loaded = new ArrayList<>();
		for (Ban ban : read) {
			if (!ban.hasExpired(now)) {
				try {
					loaded.add(Active.of(ban));
				}
				catch (IllegalArgumentException ex) {
					logger.warn("Ignoring ban " + ban.id() + " in " + this.file.path() + ": " + ex.getMessage());
				}
			}
		}
		this.active = List.copyOf(loaded);
		if (loaded.size() != read.size()) {
			save(this.active);
		}
		if (!loaded.isEmpty()) {
			logger.info(loaded.size() + " ban(s) in force from " + this.file.path());
		}
	}

	/**
	 * Sets a ban.
	 * @param expires {@code 30m}, {@code 2h}, {@code permanent}, or null for the default
	 * @throws IllegalArgumentException saying what is malformed
	 * @throws IllegalStateException when the file cannot be written (the ban is not set)
	 */
	public synchronized Ban add(Kind kind, @Nullable String value, @Nullable String reason, @Nullable String expires,
			String setBy, String setFrom) {
		String trimmed = probe(kind, value).value();
		Duration lasts = Expiry.parse(expires, this.defaultExpiry);
		Instant now = this.clock.instant();
		Ban ban = new Ban(newId(), kind, trimmed, (reason != null) ? reason.strip() : "", setBy, setFrom, now,
				(lasts != null) ? now.plus(lasts) : null);
		Active added = Active.of(ban);
		List<Active> next = new ArrayList<>(current(now));
		next.add(added);
		save(List.copyOf(next));
		return ban;
	}

	/**
	 * A ban of {@code kind} on {@code value} as {@link #add} would set it, not set: what
	 * it would match.
	 * @throws IllegalArgumentException saying what is malformed
	 */
	public Ban probe(Kind kind, @Nullable String value) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException(
					"value must be " + ((kind == Kind.NAME) ? "a user name" : "an address or CIDR block"));
		}
		String trimmed = value.strip();
		if (kind == Kind.NAME && !this.names.isValid(trimmed)) {
			throw new IllegalArgumentException("value " + Ban.quoted(value) + " is not a valid user name (L2)");
		}
		Ban ban = new Ban("preview", kind, trimmed, "", "", "", this.clock.instant(), null);
		Active.of(ban);
		return ban;
	}

	/** Lifts a ban; empty when there is none with that id (or it has expired). */
	public synchronized Optional<Ban> remove(String id) {
		List<Active> now = current(this.clock.instant());
		Optional<Active> found = now.stream().filter((entry) -> entry.ban().id().equals(id)).findFirst();
		if (found.isPresent()) {
			List<Active> next = new ArrayList<>(now);
			next.remove(found.get());
			save(List.copyOf(next));
		}
		return found.map(Active::ban);
	}

	/** Drops the expired bans from memory and the file. @return how many */
	public synchronized int dropExpired() {
		List<Active> all = this.active;
		List<Active> current = current(this.clock.instant());
		if (current.size() != all.size()) {
			try {
				save(List.copyOf(current));
			}
			catch (IllegalStateException ex) {
				logger.warn(ex.getMessage());
				return 0;
			}
		}
		return all.size() - current.size();
	}

	/** The bans in force, newest first. */
	public List<Ban> list() {
		Instant now = this.clock.instant();
		return current(now).stream().map(Active::ban).sorted(Comparator.comparing(Ban::created).reversed()).toList();
	}

	/** The ban in force on {@code address}, if any. */
	public @Nullable Ban onAddress(InetAddress address) {
		List<Active> snapshot = this.active;
		if (snapshot.isEmpty()) {
			return null;
		}
		Instant now = this.clock.instant();
		for (Active entry : snapshot) {
			if (entry.block() != null && !entry.ban().hasExpired(now) && entry.block().contains(address)) {
				return entry.ban();
			}
		}
		return null;
	}

	/**
	 * The ban in force on {@code name} (or a look-alike) or on {@code address}, if any.
	 */
	public @Nullable Ban onLogin(InetAddress address, String name) {
		List<Active> snapshot = this.active;
		if (snapshot.isEmpty()) {
			return null;
		}
		Ban onAddress = onAddress(address);
		if (onAddress != null) {
			return onAddress;
		}
		Instant now = this.clock.instant();
		String key = null;
		for (Active entry : snapshot) {
			if (entry.block() == null && !entry.ban().hasExpired(now)) {
				key = (key != null) ? key : this.names.key(name);
				if (key.equals(entry.key(this.names))) {
					return entry.ban();
				}
			}
		}
		return null;
	}

	/**
	 * Whether {@code ban} applies to a client at {@code address}, logged in as
	 * {@code name} (null before login): whom a ban's kick disconnects, and whom the
	 * preview counts.
	 */
	public boolean applies(Ban ban, InetAddress address, @Nullable String name) {
		Active entry = Active.of(ban);
		if (entry.block() != null) {
			return entry.block().contains(address);
		}
		return name != null && this.names.key(name).equals(entry.key(this.names));
	}

	@Override
	public @Nullable Reason refusesConnect(InetAddress address) {
		Ban ban = onAddress(address);
		return (ban != null) ? reason(ban, address, null) : null;
	}

	@Override
	public @Nullable Reason refusesLogin(InetAddress address, String name) {
		Ban ban = onLogin(address, name);
		return (ban != null) ? reason(ban, address, name) : null;
	}

	/** O2's sentence for a refusal by {@code ban}, naming what matched and the ban. */
	private static Reason reason(Ban ban, InetAddress address, @Nullable String name) {
		String what;
		if (ban.kind() == Kind.NAME && name != null) {
			what = "the name " + Reasons.quoteName(name)
					+ (name.equals(ban.value()) ? "" : " (a look-alike of " + Reasons.quoteName(ban.value()) + ")");
		}
		else {
			String host = address.getHostAddress();
			what = "the address " + host + (host.equals(ban.value()) ? "" : " (in " + ban.value() + ")");
		}
		return Reasons.banned(what, ban.reason(), ban.expires());
	}

	private List<Active> current(Instant now) {
		List<Active> snapshot = this.active;
		if (snapshot.stream().noneMatch((entry) -> entry.ban().hasExpired(now))) {
			return snapshot;
		}
		return snapshot.stream().filter((entry) -> !entry.ban().hasExpired(now)).toList();
	}

	/** Writes the file, then publishes the list (guarded by this). */
	private void save(List<Active> next) {
		if (this.file != null) {
			try {
				this.file.write(next.stream().map(Active::ban).toList());
			}
			catch (IOException ex) {
				throw new IllegalStateException("Cannot write chat.bans.file " + this.file.path() + ": " + ex, ex);
			}
		}
		this.active = next;
	}

	private String newId() {
		while (true) {
			byte[] random = new byte[4];
			ids.nextBytes(random);
			String id = HexFormat.of().formatHex(random);
			if (this.active.stream().noneMatch((entry) -> entry.ban().id().equals(id))) {
				return id;
			}
		}
	}

	/**
	 * The block an address ban covers: a bare IPv4 address alone, a bare IPv6 address its
	 * /64 (L10), a CIDR block as written.
	 * @throws IllegalArgumentException when it is none of these
	 */
	static Cidr block(String value) {
		Cidr parsed = Cidr.parse(value);
		if (value.indexOf('/') < 0 && parsed.network().length == 16) {
			return new Cidr(parsed.network(), 64);
		}
		return parsed;
	}

	/**
	 * A ban in force with what it matches: its block, or its name's key, made when first
	 * needed (a key in {@code confusable} mode needs ICU4J's data, which is loaded after
	 * {@code Server is on}).
	 */
	private static final class Active {

		private final Ban ban;

		private final @Nullable Cidr block;

		private volatile @Nullable String key;

		private Active(Ban ban, @Nullable Cidr block) {
			this.ban = ban;
			this.block = block;
		}

		static Active of(Ban ban) {
			if (ban.kind() == Kind.ADDRESS) {
				try {
					return new Active(ban, Bans.block(ban.value()));
				}
				catch (IllegalArgumentException ex) {
					throw new IllegalArgumentException("value " + Ban.quoted(ban.value())
							+ " is not an IPv4 or IPv6 address or CIDR block (such as 10.1.0.0/16)");
				}
			}
			return new Active(ban, null);
		}

		Ban ban() {
			return this.ban;
		}

		@Nullable Cidr block() {
			return this.block;
		}

		String key(UserNames names) {
			String made = this.key;
			if (made == null) {
				made = names.key(this.ban.value());
				this.key = made;
			}
			return made;
		}

	}

}
