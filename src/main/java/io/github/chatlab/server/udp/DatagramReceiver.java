package io.github.chatlab.server.udp;

import java.net.DatagramPacket;

import org.apache.commons.logging.LogFactory;

import org.springframework.integration.ip.udp.inbound.UnicastReceivingChannelAdapter;

import io.github.chatlab.server.chat.ThrottledLog;

/**
 * Spring Integration's UDP inbound adapter, handing each datagram to the flow on its own
 * receiving thread instead of a pool: the adapter's default pool of five threads would
 * handle one client's requests out of order (S6) and queue a flood without bound (S8),
 * whereas here the socket's receive buffer is the only queue, and the flow
 * ({@link UdpChatServer}) never blocks.
 */
final class DatagramReceiver extends UnicastReceivingChannelAdapter {

	private static final ThrottledLog failures = new ThrottledLog(LogFactory.getLog(DatagramReceiver.class));

	DatagramReceiver(int port) {
		super(port);
	}

	/**
	 * Handles the datagram on the receiving thread. Whatever a datagram does to the flow,
	 * the loop goes on: an exception out of here would end Spring Integration's receive
	 * loop, and with it the UDP server, for everyone (U7).
	 */
	@Override
	protected boolean asyncSendMessage(DatagramPacket packet) {
		try {
			doSend(packet);
		}
		catch (RuntimeException | StackOverflowError ex) {
			failures.warn("datagram", String.valueOf(packet.getAddress()),
					"A datagram from " + packet.getSocketAddress() + " failed: " + ex);
		}
		return true;
	}

}
