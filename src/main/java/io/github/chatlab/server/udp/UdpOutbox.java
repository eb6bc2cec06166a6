package io.github.chatlab.server.udp;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.concurrent.ScheduledExecutorService;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import io.github.chatlab.server.udp.fault.DelayedSends;
import io.github.chatlab.server.udp.fault.Fate;

/**
 * Every datagram to a client leaves here, from the receiver's one socket, so that replies
 * come from the address and port the client wrote to (U1). A client's channel has already
 * decided each datagram's {@link Fate} (U6); delayed ones wait here, in the bounded
 * {@link DelayedSends} (S8), by address.
 */
final class UdpOutbox {

	private static final Log logger = LogFactory.getLog(UdpOutbox.class);

	private final UdpMetrics metrics;

	private final DelayedSends<InetSocketAddress> delays;

	private final int maxDatagramBytes;

	private volatile @Nullable DatagramSocket socket;

	UdpOutbox(UdpMetrics metrics, ScheduledExecutorService scheduler, int maxDatagramBytes) {
		this.metrics = metrics;
		this.delays = new DelayedSends<>(scheduler, DelayedSends.DEFAULT_MAX_DATAGRAMS, DelayedSends.DEFAULT_MAX_BYTES);
		this.maxDatagramBytes = maxDatagramBytes;
	}

	void bind(DatagramSocket socket) {
		this.socket = socket;
	}

	/** The bound port; -1 when off. */
	int port() {
		DatagramSocket bound = this.socket;
		return (bound != null) ? bound.getLocalPort() : -1;
	}

	int maxDatagramBytes() {
		return this.maxDatagramBytes;
	}

	/**
	 * Sends a datagram to {@code to} as its fate says: not at all, at once, or after its
	 * delay unless {@code to}'s backlog is full (S8).
	 */
	void send(InetSocketAddress to, Fate fate) {
		if (!(fate instanceof Fate.Sent sent)) {
			this.metrics.dropped();
			return;
		}
		this.metrics.faulted(sent);
		if (sent.delaySeconds() == 0) {
			send(to, sent.datagram());
		}
		else if (!this.delays.schedule(to, sent.datagram(), sent.delaySeconds(), (late) -> send(to, late))) {
			this.metrics.dropped();
		}
	}

	/**
	 * Discards the delayed datagrams for {@code to} once its client is logged out (L7),
	 * so that nothing reaches whoever uses the address next.
	 */
	void discard(InetSocketAddress to) {
		this.delays.cancel(to);
	}

	/** Sends {@code datagram} to {@code to} now, untouched. */
	void send(InetSocketAddress to, byte[] datagram) {
		DatagramSocket out = this.socket;
		if (out == null) {
			return;
		}
		try {
			out.send(new DatagramPacket(datagram, datagram.length, to));
			this.metrics.sent();
		}
		catch (IOException ex) {
			if (logger.isDebugEnabled()) {
				logger.debug("Cannot send a datagram to " + to + ": " + ex);
			}
		}
	}

}
