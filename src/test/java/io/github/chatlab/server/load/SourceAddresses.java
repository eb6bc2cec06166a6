package io.github.chatlab.server.load;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Hands out local source addresses 127.0.0.2, 127.0.0.3, … round robin. Each source
 * address has its own ~28k ephemeral ports, so spreading client sockets over several lets
 * one run open more than 28k of them (and lets churn leave TIME_WAIT sockets behind
 * without running out). Loopback only.
 */
final class SourceAddresses {

	private final InetAddress[] addresses;

	private int next;

	/**
	 * {@code count} addresses starting at 127.0.0.2; 0 means "let the kernel choose" (no
	 * bind).
	 */
	SourceAddresses(int count) {
		if (count < 0 || count > 250 * 256) {
			throw new IllegalArgumentException("--sources must be 0.." + (250 * 256) + ", was " + count);
		}
		this.addresses = new InetAddress[count];
		for (int i = 0; i < count; i++) {
			int host = i + 2;
			byte[] bytes = { 127, (byte) (host >> 16), (byte) (host >> 8), (byte) host };
			try {
				this.addresses[i] = InetAddress.getByAddress(bytes);
			}
			catch (UnknownHostException ex) {
				throw new IllegalStateException(ex);
			}
		}
	}

	/** The next source address, or null when the kernel should choose. */
	InetAddress next() {
		if (this.addresses.length == 0) {
			return null;
		}
		InetAddress address = this.addresses[this.next];
		this.next = (this.next + 1) % this.addresses.length;
		return address;
	}

}
