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
 * limit, all other users towards {@code chat.max-clients} (L3.3), and users from one
 * source address towards {@code chat.per-address.max-users} (L10). Not thread-safe: the
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

	/** Logged-in users per source address that has limits. */
	private final Map<AddressGroup, Integer> usersByAddress = new HashMap<>();

	LoginQuotas(int maxClients, Map<String, Integer> maxClientsByTransport, AddressLimits limits) {
		this.maxClients = maxClients;
		this.maxClientsByTransport = Map.copyOf(maxClientsByTransport);
		this.limits = limits;
	}

	/** Whether one more login by {@code session} would pass a limit (L3.3, L10, U2). */
	boolean isFull(Session session) {
		return whyFull(session) != null;
	}

	/**
	 * Which limit one more login by {@code session} would pass (L3.3, L10, U2), null when
	 * none.
	 */
	@Nullable Reason whyFull(Session session) {
		String limit = limitOf(session);
		int users = this.usersByLimit.getOrDefault(limit, 0);
		if (users >= this.maxClientsByTransport.getOrDefault(limit, this.maxClients)) {
			return SHARED.equals(limit) ? Reasons.full("L3.3", users, "chat.max-clients")
					: Reasons.full("U2", users, "chat." + limit + ".max-clients");
		}
		AddressGroup group = limitedGroup(session);
		if (group != null && this.usersByAddress.getOrDefault(group, 0) >= this.limits.maxUsers()) {
			return Reasons.addressFull(session.peer().remoteAddress().getAddress().getHostAddress(),
					this.usersByAddress.getOrDefault(group, 0));
		}
		return null;
	}

	/** {@code session} logged in. */
	void add(Session session) {
		this.usersByLimit.merge(limitOf(session), 1, Integer::sum);
		AddressGroup group = limitedGroup(session);
		if (group != null) {
			this.usersByAddress.merge(group, 1, Integer::sum);
		}
	}

	/** {@code session}'s user logged out. */
	void remove(Session session) {
		this.usersByLimit.computeIfPresent(limitOf(session), (key, count) -> (count <= 1) ? null : count - 1);
		AddressGroup group = limitedGroup(session);
		if (group != null) {
			this.usersByAddress.computeIfPresent(group, (key, count) -> (count <= 1) ? null : count - 1);
		}
	}

	private String limitOf(Session session) {
		String transport = session.peer().transport();
		return this.maxClientsByTransport.containsKey(transport) ? transport : SHARED;
	}

	/** The address group whose users are counted, null when unlimited or exempt. */
	private @Nullable AddressGroup limitedGroup(Session session) {
		if (this.limits.maxUsers() <= 0) {
			return null;
		}
		InetAddress address = session.peer().remoteAddress().getAddress();
		return this.limits.isExempt(address) ? null : AddressGroup.of(address);
	}

}
