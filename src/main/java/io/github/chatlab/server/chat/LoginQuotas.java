package io.github.chatlab.server.chat;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.github.chatlab.server.protocol.Reason;
import io.github.chatlab.server.protocol.Reasons;

/**
 * How many users may be logged in, counted where the contract counts them: users of a
 * transport with a limit of its own ({@code chat.udp.max-clients}, U2) towards that
 * limit, all other users towards {@code chat.max-clients} (L3.3), and the users from one
 * source address towards {@code chat.per-address.max-users}, per limit too (L10, U8), so
 * that spoofed UDP logins cannot lock an address's TCP users out. Not thread-safe: the
 * {@link SessionRegistry}'s lock guards it, so the counts and the logins never cross.
 */
final class LoginQuotas {

	/** The limit of every transport without one of its own. */
	private static final String SHARED = "";

	private final int maxClients;

	/** Limits of their own, by {@link Peer#transport()}. */
	private final Map<String, Integer> maxClientsByTransport;

	private final AddressLimits limits;

	/** Logged-in users per limit: a transport with a limit of its own, or SHARED. */
	private final Map<String, Integer> usersByLimit = new HashMap<>();

	/** Logged-in users per limit and source address that has limits. */
	private final Map<AddressQuota, Integer> usersByAddress = new HashMap<>();

	LoginQuotas(int maxClients, Map<String, Integer> maxClientsByTransport, AddressLimits limits) {
		this.maxClients = maxClients;
		this.maxClientsByTransport = Map.copyOf(maxClientsByTransport);
		this.limits = limits;
	}

	/**
	 * Which limit one more login by {@code session} would pass, null if none: the
	 * server's ({@link Full#SERVER}: L3.3, U2) before the address's
	 * ({@link Full#ADDRESS}: L10, U8).
	 */
	@Nullable Full full(Session session) {
		String limit = limitOf(session);
		if (this.usersByLimit.getOrDefault(limit, 0) >= this.maxClientsByTransport.getOrDefault(limit,
				this.maxClients)) {
			return Full.SERVER;
		}
		AddressQuota quota = limitedQuota(session, limit);
		return (quota != null && this.usersByAddress.getOrDefault(quota, 0) >= this.limits.maxUsers()) ? Full.ADDRESS
				: null;
	}

	/**
	 * O2's reason for {@code full}, the limit {@link #full} found for {@code session}:
	 * which setting, how many users it counts.
	 */
	Reason explain(Session session, Full full) {
		String limit = limitOf(session);
		if (full == Full.SERVER) {
			int users = this.usersByLimit.getOrDefault(limit, 0);
			return SHARED.equals(limit) ? Reasons.full("L3.3", users, "chat.max-clients")
					: Reasons.full("U2", users, "chat." + limit + ".max-clients");
		}
		AddressQuota quota = limitedQuota(session, limit);
		return Reasons.addressFull(session.peer().remoteAddress().getAddress().getHostAddress(),
				(quota != null) ? this.usersByAddress.getOrDefault(quota, 0) : 0);
	}

	/** {@code session} logged in. */
	void add(Session session) {
		String limit = limitOf(session);
		this.usersByLimit.merge(limit, 1, Integer::sum);
		AddressQuota quota = limitedQuota(session, limit);
		if (quota != null) {
			this.usersByAddress.merge(quota, 1, Integer::sum);
		}
	}

	/** {@code session}'s user logged out. */
	void remove(Session session) {
		String limit = limitOf(session);
		this.usersByLimit.computeIfPresent(limit, (key, count) -> (count <= 1) ? null : count - 1);
		AddressQuota quota = limitedQuota(session, limit);
		if (quota != null) {
			this.usersByAddress.computeIfPresent(quota, (key, count) -> (count <= 1) ? null : count - 1);
		}
	}

	private String limitOf(Session session) {
		String transport = session.peer().transport();
		return this.maxClientsByTransport.containsKey(transport) ? transport : SHARED;
	}

	/**
	 * The limit and address group whose users are counted, null when unlimited or exempt.
	 */
	private @Nullable AddressQuota limitedQuota(Session session, String limit) {
		if (this.limits.maxUsers() <= 0) {
			return null;
		}
		InetAddress address = session.peer().remoteAddress().getAddress();
		return this.limits.isExempt(address) ? null : new AddressQuota(limit, AddressGroup.of(address));
	}

	/** Which limit a login would pass. */
	enum Full {

		/** {@code max-clients} of the session's transport (L3.3, U2). */
		SERVER,

		/** {@code chat.per-address.max-users} (L10, U8). */
		ADDRESS

	}

	/** The users of one limit from one address group are counted together. */
	private record AddressQuota(String limit, AddressGroup group) {
	}

}
