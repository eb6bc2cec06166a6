package io.github.chatlab.server.udp;

import java.net.DatagramPacket;

import org.springframework.integration.ip.udp.inbound.UnicastReceivingChannelAdapter;

/**
 * Spring Integration's UDP inbound adapter, handing each datagram to the flow on its own
 * receiving thread instead of a pool: the adapter's default pool of five threads would
 * handle one client's requests out of order (S6) and queue a flood without bound (S8),
 * whereas here the socket's receive buffer is the only queue, and the flow
 * ({@link UdpChatServer}) never blocks.
 */
final class DatagramReceiver extends UnicastReceivingChannelAdapter {

	DatagramReceiver(int port) {
		super(port);
	}

	@Override
	protected boolean asyncSendMessage(DatagramPacket packet) {
		doSend(packet);
		return true;
	}

}
