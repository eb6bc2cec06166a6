package io.github.chatlab.server.udp;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.concurrent.ScheduledExecutorService;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Every datagram to a client leaves here, from the receiver's one socket, so that replies
 * come from the address and port the client wrote to (U1). All go through the client's
 * {@link UnreliableChannel} (U6) but {@code SET-OK} and {@code VALUE}; delayed ones wait
 * in the bounded {@link DelayedSends} (S8).
 */
final class UdpOutbox {

	private static final Log logger = LogFactory.getLog(UdpOutbox.class);

	private final UdpMetrics metrics;

	private final DelayedSends<UdpPeer> delays;

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

	/** Sends {@code datagram} to {@code peer} through its unreliable channel (U6). */
	void transmit(UdpPeer peer, byte[] datagram) {
		if (peer.isClosed()) {
			return;
		}
		if (!(peer.channel().transmit(datagram) instanceof Fate.Sent sent)) {
			this.metrics.dropped();
			return;
		}
		this.metrics.faulted(sent);
		InetSocketAddress to = peer.remoteAddress();
		if (sent.delaySeconds() == 0) {
			send(to, sent.datagram());
		}
		else if (!this.delays.schedule(peer, sent.datagram(), sent.delaySeconds(), (late) -> send(to, late))) {
			this.metrics.dropped();
		}
	}

	/** Sends {@code datagram} untouched: {@code SET-OK} and {@code VALUE} (U6). */
	void sendFaultFree(UdpPeer peer, byte[] datagram) {
		if (!peer.isClosed()) {
			send(peer.remoteAddress(), datagram);
		}
	}

	/**
	 * Discards {@code peer}'s delayed datagrams once it is logged out (L7), so that
	 * nothing reaches whoever uses its address next.
	 */
	void discard(UdpPeer peer) {
		this.delays.cancel(peer);
	}

	private void send(InetSocketAddress to, byte[] datagram) {
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
