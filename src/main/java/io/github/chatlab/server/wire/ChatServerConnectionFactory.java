package io.github.chatlab.server.wire;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;

import io.github.chatlab.server.chat.ChatService;

/**
 * Spring Integration's blocking server connection factory, making {@link ChatConnection}s
 * (a thread per connection, framing by {@link LineCodec}), with two changes:
 * <ul>
 * <li>After every accept it sweeps its whole map of connections for closed ones, which
 * makes accepting n clients O(n²); profiled with 6,000 clients logging in, that sweep
 * took three quarters of the server's CPU. Here every connection removes itself from the
 * map as it closes (so its buffers are freed at once, S8), and the sweep, only a
 * backstop, runs once every 1,024 accepts or once a second.</li>
 * <li>Its accept loop ends for good on any {@link IOException}, and "Too many open files"
 * is one: a burst of connections at the process's file limit would stop the listener.
 * Here accept waits a moment and tries again instead, as Tomcat and Netty do.</li>
 * </ul>
 */
public final class ChatServerConnectionFactory extends TcpNetServerConnectionFactory {

	private static final Log logger = LogFactory.getLog(ChatServerConnectionFactory.class);

	private static final int ACCEPTS_PER_SWEEP = 1024;

	private static final long MAX_NANOS_BETWEEN_SWEEPS = TimeUnit.SECONDS.toNanos(1);

	/** Only the accepting thread touches these. */
	private int acceptsSinceSweep;

	private long lastSweep = System.nanoTime();

	/**
	 * A factory on {@code port} whose connections are {@link ChatConnection}s reporting
	 * to {@code chat}.
	 */
	public ChatServerConnectionFactory(int port, WireSettings settings, ConnectionTracker tracker, ChatService chat) {
		super(port);
		ConnectionContext context = new ConnectionContext(settings, tracker, chat, this.connections::remove);
		setTcpNetConnectionSupport((socket, server, lookupHost, publisher, factoryName) -> {
			try {
				return new ChatConnection(socket, publisher, factoryName, context);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
		LineCodec codec = new LineCodec();
		setDeserializer(codec);
		setSerializer(codec);
		setTcpSocketSupport(new ChatSocketOptions(settings));
		setMapper(new ChatInbound.SessionMapper());
		setLookupHost(false);
	}

	@Override
	protected ServerSocket createServerSocket(int port, int backlog, @Nullable InetAddress whichNic)
			throws IOException {

		ServerSocket socket = new PatientServerSocket();
		socket.setReuseAddress(true);
		socket.bind((whichNic != null) ? new java.net.InetSocketAddress(whichNic, port)
				: new java.net.InetSocketAddress(port), Math.abs(backlog));
		return socket;
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

	/** A server socket whose accept outlasts a shortage of file descriptors. */
	static final class PatientServerSocket extends ServerSocket {

		private static final long BACK_OFF_MILLIS = 50;

		PatientServerSocket() throws IOException {
			super();
		}

		@Override
		public Socket accept() throws IOException {
			long warned = 0;
			while (true) {
				try {
					return super.accept();
				}
				catch (IOException ex) {
					if (isClosed() || !isOutOfDescriptors(ex)) {
						throw ex;
					}
					long now = System.nanoTime();
					if (now - warned > TimeUnit.SECONDS.toNanos(10) || warned == 0) {
						logger.warn("Cannot accept: " + ex.getMessage() + "; retrying (raise the open-file limit, "
								+ "or lower chat.max-connections)");
						warned = now;
					}
					try {
						// the accept thread, backing off from the OS
						Thread.sleep(BACK_OFF_MILLIS);
					}
					catch (InterruptedException interrupted) {
						Thread.currentThread().interrupt();
						throw ex;
					}
				}
			}
		}

		static boolean isOutOfDescriptors(IOException ex) {
			String message = String.valueOf(ex.getMessage());
			return message.contains("Too many open files") || message.contains("ENFILE") || message.contains("EMFILE");
		}

	}

}
