package io.github.chatlab.server.chat;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Arrays;

/**
 * The unit the per-address limits count by (L10): an IPv4 address, or an IPv6 /64, since
 * one IPv6 host or home routinely holds a whole /64 and could otherwise take a fresh
 * address for every connection.
 *
 * @param bytes the address, cut to its group
 */
public record AddressGroup(byte[] bytes) {

	/** The group of {@code address}. */
	public static AddressGroup of(InetAddress address) {
		byte[] raw = address.getAddress();
		return new AddressGroup((address instanceof Inet4Address) ? raw : Arrays.copyOf(raw, 8));
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof AddressGroup group && Arrays.equals(this.bytes, group.bytes);
	}

	@Override
	public int hashCode() {
		return Arrays.hashCode(this.bytes);
	}

	@Override
	public String toString() {
		if (this.bytes.length == 4) {
			return (this.bytes[0] & 0xFF) + "." + (this.bytes[1] & 0xFF) + "." + (this.bytes[2] & 0xFF) + "."
					+ (this.bytes[3] & 0xFF);
		}
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < 8; i += 2) {
			text.append(Integer.toHexString(((this.bytes[i] & 0xFF) << 8) | (this.bytes[i + 1] & 0xFF))).append(':');
		}
		return text.append(":/64").toString();
	}

}
