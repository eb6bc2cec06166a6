package io.github.chatlab.server.wire;

import java.util.concurrent.TimeUnit;

import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;

/**
 * Spring Integration's blocking server connection factory, with one cost taken out: after every accept it
 * sweeps its whole map of connections for closed ones, which makes accepting n clients O(n²). Profiled with
 * 6,000 clients logging in, that sweep took three quarters of the server's CPU. Here it sweeps once every
 * 1,024 accepts or once a second, whichever comes first; the map then holds at most that many closed
 * connections, which nothing else reads.
 */
public final class ChatServerConnectionFactory extends TcpNetServerConnectionFactory {

	private static final int ACCEPTS_PER_SWEEP = 1024;

	private static final long MAX_NANOS_BETWEEN_SWEEPS = TimeUnit.SECONDS.toNanos(1);

	/** Only the accepting thread touches these. */
	private int acceptsSinceSweep;

	private long lastSweep = System.nanoTime();

	public ChatServerConnectionFactory(int port) {
		super(port);
	}

	@Override
	protected void harvestClosedConnections() {
		long now = System.nanoTime();
		if (++this.acceptsSinceSweep >= ACCEPTS_PER_SWEEP || now - this.lastSweep > MAX_NANOS_BETWEEN_SWEEPS) {
			this.acceptsSinceSweep = 0;
			this.lastSweep = now;
			super.harvestClosedConnections();
		}
	}

}
