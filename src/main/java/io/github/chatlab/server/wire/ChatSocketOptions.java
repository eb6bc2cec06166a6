package io.github.chatlab.server.wire;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;

import jdk.net.ExtendedSocketOptions;

import org.springframework.integration.ip.tcp.connection.TcpSocketSupport;

/**
 * The options of every accepted socket.
 * <ul>
 * <li>Keepalive per socket (L8): the kernel's defaults (7,200 s, then 9 probes 75 s
 * apart) kept a vanished laptop's name taken for 2 h 11 min; 60 s + 6 × 10 s frees it
 * within about 2 minutes. Where the platform lacks the per-socket options, keepalive
 * stays on with the system's timings.</li>
 * <li>A fixed, small send buffer (S5, S7): with Linux's autotuned buffer of up to 4 MiB,
 * a blocked write wakes only when a third of it is free, so a slow reader's socket seemed
 * to accept nothing for far longer than it really did. With 4 KiB (the kernel doubles it)
 * a blocked write moves as soon as the reader's kernel takes a segment, and the segments
 * stay small, so a slow reader's kernel reopens its window in small steps instead of
 * dropping a large retransmission while TCP backs off (see {@code Outbox}'s chunk); the
 * gaps TCP itself leaves are {@link WriteProgress}'s concern.</li>
 * </ul>
 */
final class ChatSocketOptions implements TcpSocketSupport {

	private final WireSettings settings;

	ChatSocketOptions(WireSettings settings) {
		this.settings = settings;
	}

	@Override
	public void postProcessServerSocket(ServerSocket serverSocket) {
	}

	@Override
	public void postProcessSocket(Socket socket) {
		try {
			socket.setKeepAlive(true);
			socket.setTcpNoDelay(true);
			socket.setSendBufferSize(this.settings.sendBufferBytes());
			WireSettings.KeepAlive keepAlive = this.settings.keepAlive();
			if (socket.supportedOptions().contains(ExtendedSocketOptions.TCP_KEEPIDLE)) {
				socket.setOption(ExtendedSocketOptions.TCP_KEEPIDLE, (int) keepAlive.idle().toSeconds());
				socket.setOption(ExtendedSocketOptions.TCP_KEEPINTERVAL, (int) keepAlive.interval().toSeconds());
				socket.setOption(ExtendedSocketOptions.TCP_KEEPCOUNT, keepAlive.count());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
