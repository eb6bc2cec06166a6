package io.github.chatlab.server.chat;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An address block such as {@code 127.0.0.1/32} or {@code ::1/128}, for the addresses
 * that the per-address limits leave alone (L10).
 *
 * @param network the block's address
 * @param prefixLength how many leading bits must match
 */
public record Cidr(byte[] network, int prefixLength) {

	/**
	 * Parses {@code address/bits}, or a bare address (all its bits).
	 * @throws IllegalArgumentException naming the text when it is not a block
	 */
	public static Cidr parse(String text) {
		String trimmed = text.strip();
		int slash = trimmed.indexOf('/');
		String address = (slash < 0) ? trimmed : trimmed.substring(0, slash);
		if (address.isEmpty()
				|| !address.chars().allMatch((c) -> Character.digit(c, 16) >= 0 || c == '.' || c == ':')) {
			throw new IllegalArgumentException("not an IP address block: " + text);
		}
		try {
			byte[] network = InetAddress.getByName(address).getAddress();
			int bits = (slash < 0) ? network.length * 8 : Integer.parseInt(trimmed.substring(slash + 1));
			if (bits < 0 || bits > network.length * 8) {
				throw new IllegalArgumentException("prefix length out of range in " + text);
			}
			return new Cidr(network, bits);
		}
		catch (UnknownHostException | NumberFormatException ex) {
			throw new IllegalArgumentException("not an IP address block: " + text, ex);
		}
	}

	/**
	 * Whether {@code address} lies in this block (an IPv4 address never lies in an IPv6
	 * block).
	 */
	public boolean contains(InetAddress address) {
		byte[] raw = address.getAddress();
		if (raw.length != this.network.length) {
			return false;
		}
		int full = this.prefixLength / 8;
		for (int i = 0; i < full; i++) {
			if (raw[i] != this.network[i]) {
				return false;
			}
		}
		int rest = this.prefixLength % 8;
		if (rest == 0) {
			return true;
		}
		int mask = (0xFF << (8 - rest)) & 0xFF;
		return (raw[full] & mask) == (this.network[full] & mask);
	}

}
