package io.github.chatlab.server.chat;

import java.net.InetAddress;
import java.util.List;

/**
 * What one source address may hold, so that one host cannot lock everyone else out (L10).
 * Counted per {@link AddressGroup}; addresses in an exempt block have no such limits (by
 * default loopback, so the lab's tests, which log in 16 users from one host, work).
 *
 * @param maxPending connections not yet logged in
 * @param maxUsers logged-in users, 0 for no limit but {@code max-clients}
 * @param connectRate new connections per second, 0 for no limit
 * @param connectBurst new connections allowed at once before the rate applies
 * @param exempt the blocks with no limits
 */
public record AddressLimits(int maxPending, int maxUsers, int connectRate, int connectBurst, List<Cidr> exempt) {

	/** No limits at all. */
	public static final AddressLimits NONE = new AddressLimits(Integer.MAX_VALUE, 0, 0, 0, List.of());

	public boolean isExempt(InetAddress address) {
		for (Cidr block : this.exempt) {
			if (block.contains(address)) {
				return true;
			}
		}
		return false;
	}

}
