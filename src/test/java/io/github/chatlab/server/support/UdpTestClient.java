package io.github.chatlab.server.support;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A raw UDP chat client for tests: a socket of its own on 127.0.0.1, or another loopback
 * address playing another host (so a client is its address and port, U1), connected to
 * the server so it only hears the server. It sends exact datagrams and reads exact
 * datagrams, each with a time-out, so a missing reply fails instead of hanging.
 */
public final class UdpTestClient implements AutoCloseable {

	public static final Duration READ_TIMEOUT = Duration.ofSeconds(5);

	private final DatagramSocket socket;

	private UdpTestClient(String localAddress, int serverPort) throws IOException {
		this.socket = new DatagramSocket(new InetSocketAddress(localAddress, 0));
		this.socket.connect(new InetSocketAddress("127.0.0.1", serverPort));
		this.socket.setReceiveBufferSize(1 << 20);
	}

	public static UdpTestClient open(int serverPort) throws IOException {
		return new UdpTestClient("127.0.0.1", serverPort);
	}

	/**
	 * Opens a client on {@code localAddress} (127.0.0.2, 127.0.0.3, …), playing another
	 * host.
	 */
	public static UdpTestClient openFrom(String localAddress, int serverPort) throws IOException {
		return new UdpTestClient(localAddress, serverPort);
	}

	/** Opens a client and logs in as {@code name}, expecting {@code HELLO <name>}. */
	public static UdpTestClient login(int serverPort, String name) throws IOException {
		UdpTestClient client = open(serverPort);
		client.send("HELLO-FROM " + name).expect("HELLO " + name);
		return client;
	}

	/**
	 * Logs in as a client on a lossy channel must: sending {@code HELLO-FROM} again until
	 * the answer comes, at most {@code attempts} times, a second apart. For right after a
	 * flood, when the server's receive buffer may be full and the kernel drops datagrams.
	 */
	public static UdpTestClient loginRetrying(int serverPort, String name, int attempts) throws IOException {
		UdpTestClient client = open(serverPort);
		for (int i = 0; i < attempts; i++) {
			byte[] reply = client.send("HELLO-FROM " + name).receive(Duration.ofSeconds(1));
			if (reply != null) {
				assertThat(new String(reply, StandardCharsets.UTF_8)).isEqualTo("HELLO " + name + "\n");
				return client;
			}
		}
		fail("No HELLO after " + attempts + " tries");
		return client;
	}

	public int localPort() {
		return this.socket.getLocalPort();
	}

	/** Sends {@code line} and an LF as one datagram. */
	public UdpTestClient send(String line) throws IOException {
		return sendRaw((line + "\n").getBytes(StandardCharsets.UTF_8));
	}

	/** Sends exactly these bytes as one datagram. */
	public UdpTestClient sendRaw(byte[] datagram) throws IOException {
		this.socket.send(new DatagramPacket(datagram, datagram.length));
		return this;
	}

	/** The next datagram's bytes; fails if none comes within {@link #READ_TIMEOUT}. */
	public byte[] receive() throws IOException {
		byte[] datagram = receive(READ_TIMEOUT);
		if (datagram == null) {
			fail("No datagram within " + READ_TIMEOUT);
		}
		return datagram;
	}

	/** The next datagram's bytes, or null if none comes within {@code timeout}. */
	public byte @Nullable [] receive(Duration timeout) throws IOException {
		byte[] buffer = new byte[65536];
		DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
		this.socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
		try {
			this.socket.receive(packet);
		}
		catch (SocketTimeoutException ex) {
			return null;
		}
		return Arrays.copyOf(buffer, packet.getLength());
	}

	/** Expects the next datagram to be exactly {@code line} and an LF. */
	public UdpTestClient expect(String line) throws IOException {
		assertThat(new String(receive(), StandardCharsets.UTF_8)).isEqualTo(line + "\n");
		return this;
	}

	/** Expects the next datagram to be exactly {@code datagram}. */
	public UdpTestClient expectExactly(byte[] datagram) throws IOException {
		assertThat(receive()).isEqualTo(datagram);
		return this;
	}

	/** Expects no datagram within {@code timeout}. */
	public UdpTestClient expectNothing(Duration timeout) throws IOException {
		byte[] datagram = receive(timeout);
		assertThat(datagram).as("a datagram where none was expected").isNull();
		return this;
	}

	/** The bytes as text, one char per byte, so corrupted bytes stay visible. */
	public static String text(byte[] datagram) {
		return new String(datagram, StandardCharsets.ISO_8859_1);
	}

	@Override
	public void close() {
		this.socket.close();
	}

}
