package io.github.chatlab.server.udp;

import java.util.HashSet;

/**
 * What one client has waiting in {@link DelayedSends}, counted so that its bounds (S8)
 * are checked without walking the datagrams. Guarded by its own monitor, which the caller
 * holds; {@code retired} once emptied and removed, so that a racing sender takes a new
 * one.
 *
 * @param <T> one waiting datagram
 */
final class DelayedBacklog<T> {

	final HashSet<T> pending = new HashSet<>();

	long bytes;

	boolean retired;

	void add(T datagram, int length) {
		this.pending.add(datagram);
		this.bytes += length;
	}

}
