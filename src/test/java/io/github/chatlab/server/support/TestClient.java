package io.github.chatlab.server.support;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A raw-socket chat client for tests: writes exact bytes and reads exact lines, so that
 * each test reads like a {@code C:}/{@code S:} transcript. Every read has a time-out, so
 * a missing reply fails instead of hanging.
 */
public final class TestClient implements AutoCloseable {

	public static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

	private final Socket socket;

	private final InputStream in;

	private final OutputStream out;

	private TestClient(Socket socket) throws IOException {
		this.socket = socket;
		this.socket.setTcpNoDelay(true);
		this.socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
		this.in = new BufferedInputStream(socket.getInputStream());
		this.out = socket.getOutputStream();
	}

	public static TestClient connect(int port) throws IOException {
		return new TestClient(new Socket("127.0.0.1", port));
	}

	/**
	 * A client on another host, played by a source address such as {@code 127.0.0.2} (all
	 * of 127.0.0.0/8 is loopback).
	 */
	public static TestClient connectFrom(String sourceAddress, int port) throws IOException {
		return new TestClient(
				new Socket(InetAddress.getLoopbackAddress(), port, InetAddress.getByName(sourceAddress), 0));
	}

	/**
	 * A client whose receive buffer is as small as the kernel allows, to fill it quickly.
	 */
	public static TestClient connectWithTinyReceiveBuffer(int port) throws IOException {
		Socket socket = new Socket();
		socket.setReceiveBufferSize(1024);
		socket.connect(new InetSocketAddress("127.0.0.1", port));
		return new TestClient(socket);
	}

	/** Connects and logs in as {@code name}, expecting {@code HELLO <name>}. */
	public static TestClient login(int port, String name) throws IOException {
		TestClient client = connect(port);
		client.send("HELLO-FROM " + name);
		client.expectLine("HELLO " + name);
		return client;
	}

	/** Sends {@code line} and an LF. */
	public TestClient send(String line) throws IOException {
		return sendRaw((line + "\n").getBytes(StandardCharsets.UTF_8));
	}

	/** Sends exactly these bytes, in one write. */
	public TestClient sendRaw(byte[] bytes) throws IOException {
		this.out.write(bytes);
		this.out.flush();
		return this;
	}

	/** Reads one line (without its LF) as UTF-8; fails on end of stream or time-out. */
	public String readLine() throws IOException {
		byte[] line = readLineBytes();
		if (line == null) {
			fail("Connection closed where a line was expected");
		}
		return new String(line, StandardCharsets.UTF_8);
	}

	/** Reads one line's raw bytes (without its LF), or null at the end of the stream. */
	public byte[] readLineBytes() throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		while (true) {
			int b;
			try {
				b = this.in.read();
			}
			catch (SocketTimeoutException ex) {
				throw new AssertionError("No complete line within " + READ_TIMEOUT + "; got so far: "
						+ line.toString(StandardCharsets.UTF_8), ex);
			}
			if (b < 0) {
				if (line.size() > 0) {
					fail("Connection closed in the middle of a line: " + line.toString(StandardCharsets.UTF_8));
				}
				return null;
			}
			if (b == '\n') {
				return line.toByteArray();
			}
			line.write(b);
		}
	}

	public TestClient expectLine(String expected) throws IOException {
		assertThat(readLine()).isEqualTo(expected);
		return this;
	}

	/**
	 * Expects the server to close the connection cleanly (FIN, not reset) with no more
	 * lines.
	 */
	public void expectClosed() throws IOException {
		try {
			int b = this.in.read();
			assertThat(b).as("expected end of stream, got a byte").isEqualTo(-1);
		}
		catch (SocketTimeoutException ex) {
			throw new AssertionError("Connection still open after " + READ_TIMEOUT, ex);
		}
	}

	/** Expects the connection to end, by FIN or by reset, without any line. */
	public void expectDisconnected() throws IOException {
		try {
			assertThat(this.in.read()).isEqualTo(-1);
		}
		catch (SocketException ex) {
			// a reset: disconnected all the same
		}
		catch (SocketTimeoutException ex) {
			throw new AssertionError("Connection still open after " + READ_TIMEOUT, ex);
		}
	}

	/** Expects nothing to arrive for {@code quiet}: a bounded read, not a sleep. */
	public void expectSilenceFor(Duration quiet) throws IOException {
		this.socket.setSoTimeout((int) quiet.toMillis());
		try {
			int b = this.in.read();
			fail("Expected silence, got " + ((b < 0) ? "end of stream" : "byte " + b));
		}
		catch (SocketTimeoutException expected) {
			// silence, as expected
		}
		finally {
			this.socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
		}
	}

	public void shutdownOutput() throws IOException {
		this.socket.shutdownOutput();
	}

	/** Closes with SO_LINGER 0, so the server sees a TCP reset rather than a FIN. */
	public void reset() throws IOException {
		this.socket.setSoLinger(true, 0);
		this.socket.close();
	}

	/** One read: whatever is buffered or, if nothing is, what the next segment brings. */
	public byte[] readSome() throws IOException {
		byte[] buffer = new byte[65536];
		int n = this.in.read(buffer);
		if (n < 0) {
			fail("Connection closed where bytes were expected");
		}
		return java.util.Arrays.copyOf(buffer, n);
	}

	/** Reads exactly {@code length} bytes. */
	public byte[] readExactly(int length) throws IOException {
		return this.in.readNBytes(length);
	}

	/**
	 * Bytes that can be read without blocking: what this client buffered plus what the
	 * kernel holds.
	 */
	public int available() throws IOException {
		return this.in.available();
	}

	public Socket socket() {
		return this.socket;
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

}
