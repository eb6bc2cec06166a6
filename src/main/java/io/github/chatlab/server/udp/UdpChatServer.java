package io.github.chatlab.server.udp;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.integration.core.GenericHandler;
import org.springframework.integration.ip.IpHeaders;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.MessagingException;

import io.github.chatlab.server.chat.ChatService;
import io.github.chatlab.server.chat.CloseReason;
import io.github.chatlab.server.chat.Session;
import io.github.chatlab.server.protocol.Frame;
import io.github.chatlab.server.udp.UdpMetrics.Ignored;

/**
 * The unreliable-network server (PROTOCOL.md U): the handler at the end of the UDP
 * inbound flow, on the {@link DatagramReceiver}'s one thread, and the sender of every
 * datagram, from the receiver's socket, so that replies come from the address and port
 * the client wrote to. It keeps the logged-in addresses (U1, U3); everything about chat
 * is the {@link ChatService}'s, in the registry the TCP users share (U2).
 * <p>
 * The receiving thread only frames a datagram (U1), answers {@code HELLO-FROM} from an
 * address not logged in and drops everything else from one (U3), and charges the client's
 * budget (U7); a logged-in client's requests go to its {@link ClientLane}, where waiting
 * on a TCP recipient holds up nobody else (S7). Every datagram to a client goes through
 * its {@link UnreliableChannel} (U6) but {@code SET-OK} and {@code VALUE}; delayed ones
 * wait in the bounded {@link DelayedSends} (S8). A timer sweep, not a thread per client,
 * logs out addresses silent for {@code chat.udp.idle-timeout} (U3).
 */
public final class UdpChatServer implements GenericHandler<byte[]>, AutoCloseable {

	private static final Log logger = LogFactory.getLog(UdpChatServer.class);

	private static final int HELLO_FROM_AND_SPACE = "HELLO-FROM ".length();

	private final ChatService chat;

	private final DatagramReceiver receiver;

	private final UdpMetrics metrics;

	private final Executor lanes;

	private final ScheduledExecutorService scheduler;

	private final DelayedSends<UdpPeer> delays;

	private final FaultSettings defaults;

	private final FaultRandoms randoms;

	private final int maxDatagramBytes;

	private final int rate;

	private final long idleNanos;

	private final Map<InetSocketAddress, UdpPeer> peers = new ConcurrentHashMap<>();

	private final AtomicLong ids = new AtomicLong();

	private volatile @Nullable DatagramSocket socket;

	UdpChatServer(ChatService chat, UdpProperties udp, DatagramReceiver receiver, UdpMetrics metrics, Executor lanes) {
		this.chat = chat;
		this.receiver = receiver;
		this.metrics = metrics;
		this.lanes = lanes;
		this.scheduler = DelayedSends.newScheduler();
		this.delays = new DelayedSends<>(this.scheduler, DelayedSends.DEFAULT_MAX_DATAGRAMS,
				DelayedSends.DEFAULT_MAX_BYTES);
		this.defaults = udp.faults().settings();
		this.randoms = udp.faults().randoms();
		this.maxDatagramBytes = udp.maxDatagramBytes();
		this.rate = udp.rate();
		this.idleNanos = udp.idleTimeout().toNanos();
	}

	/**
	 * Binds the socket now, so that a taken port or a bad address stops start-up with one
	 * line naming the keys (R2), and starts the idle sweep.
	 */
	void open(String address, int port) {
		try {
			this.socket = this.receiver.getSocket();
		}
		catch (MessagingException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			throw new IllegalStateException("cannot listen on UDP " + address + ":" + port
					+ " (chat.udp.address, chat.udp.port): " + cause.getMessage());
		}
		long sweepNanos = sweepPeriod(Duration.ofNanos(this.idleNanos)).toNanos();
		this.scheduler.scheduleWithFixedDelay(this::sweep, sweepNanos, sweepNanos, TimeUnit.NANOSECONDS);
		logger.info("UDP chat on " + address + ":" + port());
	}

	/** The bound port, for tests started with {@code chat.udp.port=0}; -1 when off. */
	public int port() {
		DatagramSocket bound = this.socket;
		return (bound != null) ? bound.getLocalPort() : -1;
	}

	int maxDatagramBytes() {
		return this.maxDatagramBytes;
	}

	/**
	 * One datagram from the flow: nothing it holds may stop the receiving thread or reach
	 * another client (U7), so whatever goes wrong is logged (never its bytes, R4) and the
	 * next datagram is read.
	 */
	@Override
	public @Nullable Object handle(byte[] datagram, MessageHeaders headers) {
		try {
			receive(datagram, (InetSocketAddress) headers.get(IpHeaders.PACKET_ADDRESS));
		}
		catch (Throwable ex) {
			logger.warn("A UDP datagram failed: " + ex, (ex instanceof Error) ? null : ex);
		}
		return null;
	}

	private void receive(byte[] datagram, InetSocketAddress from) {
		this.metrics.received();
		byte[] request = DatagramLines.request(datagram);
		if (request == null) {
			this.metrics.ignored(Ignored.NO_LF);
			return;
		}
		long now = System.nanoTime();
		UdpPeer peer = this.peers.get(from);
		if (peer == null) {
			if (DatagramLines.isHelloFrom(request)) {
				logIn(from, request, now);
			}
			else {
				this.metrics.ignored(Ignored.NOT_LOGGED_IN);
			}
			return;
		}
		peer.heard(now);
		if (!peer.budget().tryTake(now)) {
			this.metrics.ignored(Ignored.RATE);
		}
		else if (!peer.lane().submit(() -> handle(peer, request), request.length)) {
			this.metrics.ignored(Ignored.BACKLOG);
		}
	}

	/**
	 * L3 on the receiving thread, which nothing here can block: the client's channel
	 * starts from the server's defaults, with the random stream of the name it asks for
	 * (U5, U6), so that even a refusal is faulted. A refused attempt is forgotten.
	 */
	private void logIn(InetSocketAddress from, byte[] request, long now) {
		String id = "udp:" + from.getAddress().getHostAddress() + ":" + from.getPort() + "#"
				+ this.ids.incrementAndGet();
		String name = new String(request, Math.min(HELLO_FROM_AND_SPACE, request.length),
				Math.max(0, request.length - HELLO_FROM_AND_SPACE), StandardCharsets.UTF_8);
		UnreliableChannel channel = new UnreliableChannel(this.defaults, this.randoms.forClient(name));
		UdpPeer peer = new UdpPeer(this, id, from, channel, new ClientLane(this.lanes), new TokenBucket(this.rate, now),
				now);
		Session session = this.chat.opened(id, peer);
		peer.attach(session);
		try {
			this.chat.handle(session, new Frame.Line(request));
		}
		finally {
			if (session.isLoggedIn()) {
				this.peers.put(from, peer);
				if (peer.isClosed()) {
					this.peers.remove(from, peer); // disconnected by an operator
													// meanwhile
				}
			}
			else {
				peer.markClosed();
				this.chat.closed(id, CloseReason.REFUSED);
			}
		}
	}

	/** One request of a logged-in client, on its lane. */
	private void handle(UdpPeer peer, byte[] request) {
		if (peer.isClosed()) {
			return;
		}
		Optional<FaultCommand> fault = FaultCommandParser.parse(request);
		if (fault.isPresent()) {
			UnreliableChannel.Reply reply = peer.channel().answer(fault.get());
			if (reply.faultFree()) {
				send(peer, reply.datagram());
			}
			else {
				transmit(peer, reply.datagram());
			}
			return;
		}
		Session session = peer.session();
		if (session != null) {
			this.chat.handle(session, new Frame.Line(request));
			peer.answered();
		}
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
	private void send(UdpPeer peer, byte[] datagram) {
		if (!peer.isClosed()) {
			send(peer.remoteAddress(), datagram);
		}
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

	/**
	 * Logs {@code peer}'s user out at once (L7) and discards its delayed datagrams, so
	 * that nothing reaches whoever uses its address next.
	 */
	void logOut(UdpPeer peer, CloseReason reason) {
		if (!peer.markClosed()) {
			return;
		}
		this.peers.remove(peer.remoteAddress(), peer);
		this.chat.closed(peer.id(), reason);
		this.delays.cancel(peer);
	}

	private void sweep() {
		try {
			long now = System.nanoTime();
			for (UdpPeer peer : this.peers.values()) {
				if (peer.isIdle(now, this.idleNanos)) {
					logOut(peer, CloseReason.IDLE);
				}
			}
		}
		catch (Throwable ex) {
			logger.warn("The UDP idle sweep failed: " + ex, (ex instanceof Error) ? null : ex);
		}
	}

	/** Logs every UDP user out and stops the timer and the lanes (R3). */
	@Override
	public void close() {
		for (UdpPeer peer : this.peers.values()) {
			logOut(peer, CloseReason.SHUTDOWN);
		}
		this.scheduler.shutdownNow();
		if (this.lanes instanceof ExecutorService pool) {
			pool.shutdownNow();
		}
	}

	/**
	 * How often the idle sweep runs: a tenth of the time-out, between 10 ms and 1 s, so a
	 * silent address is logged out at most that late.
	 */
	static Duration sweepPeriod(Duration idleTimeout) {
		return Duration.ofNanos(Math.max(TimeUnit.MILLISECONDS.toNanos(10),
				Math.min(idleTimeout.toNanos() / 10, TimeUnit.SECONDS.toNanos(1))));
	}

}
