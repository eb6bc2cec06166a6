package io.github.chatlab.server.wire;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;

import jdk.net.ExtendedSocketOptions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** L8, S5: the options every accepted socket gets, read back from a real socket. */
class ChatSocketOptionsTest {

	private final WireSettings settings = new WireSettings(65536, Duration.ofSeconds(30), Duration.ofSeconds(5),
			Duration.ofSeconds(1), 1 << 20,
			new WireSettings.KeepAlive(Duration.ofSeconds(60), Duration.ofSeconds(10), 6), 64 * 1024,
			WireSettings.FloodLimit.OFF);

	@Test
	void l8_keepaliveFindsAVanishedPeerWithinAboutTwoMinutes() throws Exception {
		try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
				Socket client = new Socket(server.getInetAddress(), server.getLocalPort());
				Socket accepted = server.accept()) {
			new ChatSocketOptions(this.settings).postProcessSocket(accepted);
			assertThat(accepted.getKeepAlive()).isTrue();
			assertThat(accepted.getOption(ExtendedSocketOptions.TCP_KEEPIDLE)).isEqualTo(60);
			assertThat(accepted.getOption(ExtendedSocketOptions.TCP_KEEPINTERVAL)).isEqualTo(10);
			assertThat(accepted.getOption(ExtendedSocketOptions.TCP_KEEPCOUNT)).isEqualTo(6);
			assertThat(this.settings.keepAlive().detection()).isEqualTo(Duration.ofMinutes(2));
		}
	}

	@Test
	void s5_theSendBufferIsFixedSoABlockedWriteKeepsMoving() throws Exception {
		try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
				Socket client = new Socket(server.getInetAddress(), server.getLocalPort());
				Socket accepted = server.accept()) {
			new ChatSocketOptions(this.settings).postProcessSocket(accepted);
			// Linux doubles the value for its own bookkeeping
			assertThat(accepted.getSendBufferSize()).isBetween(64 * 1024, 128 * 1024);
			assertThat(accepted.getTcpNoDelay()).isTrue();
		}
	}

}
