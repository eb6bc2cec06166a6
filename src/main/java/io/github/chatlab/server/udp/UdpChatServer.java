package io.github.chatlab.server.udp;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.integration.core.GenericHandler;
import org.springframework.integration.ip.IpHeaders;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.MessagingException;

import io.github.chatlab.server.chat.AddressLimits;
import io.github.chatlab.server.chat.ChatMetrics;
import io.github.chatlab.server.chat.ChatService;
import io.github.chatlab.server.chat.ChatThreads;
import io.github.chatlab.server.chat.CloseReason;
import io.github.chatlab.server.chat.Session;
import io.github.chatlab.server.chat.ThrottledLog;
import io.github.chatlab.server.protocol.Reason;
import io.github.chatlab.server.protocol.Reasons;
import io.github.chatlab.server.udp.UdpMetrics.Ignored;

/**
 * The unreliable-network server (PROTOCOL.md U): the handler at the end of the UDP
 * inbound flow, on the {@link DatagramReceiver}'s one thread. It frames each datagram
 * (U1) and dispatches it; the logged-in addresses and their requests are
 * {@link UdpClients}' (U2, U3), every datagram out is {@link UdpOutbox}'s (U6, S8).
 * <p>
 * The receiving thread only frames a datagram (U1), answers {@code HELLO-FROM} from an
 * address not logged in and drops everything else from one (U3), and charges the client's
 * budget (U7); a logged-in client's requests go to its {@link ClientLane}, where waiting
 * on a TCP recipient holds up nobody else (S7). A timer sweep, not a thread per client,
 * logs out addresses silent for {@code chat.udp.idle-timeout} (U3).
 */
public final class UdpChatServer implements GenericHandler<byte[]>, AutoCloseable {

	private static final Log logger = LogFactory.getLog(UdpChatServer.class);

	private final DatagramReceiver receiver;

	private final UdpMetrics metrics;

	private final Executor lanes;

	private final ScheduledExecutorService scheduler;

	private final UdpOutbox outbox;

	private final UdpClients clients;

	private final long idleNanos;

	private final Reason overRate;

	private static final Reason OVER_BACKLOG = Reasons.datagramsOverBacklog();

	/**
	 * How often idle login-rate buckets are dropped, as TCP's connect-rate buckets are.
	 */
	private static final Duration RATE_SWEEP = Duration.ofSeconds(10);

	private final String address;

	private final boolean enabled;

	UdpChatServer(ChatService chat, UdpProperties udp, String address, DatagramReceiver receiver, UdpMetrics metrics,
			Executor lanes, AddressLimits limits, ChatMetrics chatMetrics) {
		this.address = address;
		this.enabled = udp.enabled();
		this.receiver = receiver;
		this.metrics = metrics;
		this.lanes = lanes;
		this.scheduler = ChatThreads.timer("udp-delays");
		this.outbox = new UdpOutbox(metrics, this.scheduler, udp.maxDatagramBytes());
		this.clients = new UdpClients(chat, udp, this.outbox, lanes, limits, chatMetrics, new ThrottledLog(logger));
		this.idleNanos = udp.idleTimeout().toNanos();
		this.overRate = Reasons.datagramsOverRate(udp.rate());
	}

	/**
	 * Binds the socket now, so that a taken port or a bad address stops start-up with one
	 * line naming the keys (R2), and starts the idle sweep.
	 */
	void open(String address, int port) {
		try {
			this.outbox.bind(this.receiver.getSocket());
		}
		catch (MessagingException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			throw new IllegalStateException("cannot listen on UDP " + address + ":" + port
					+ " (chat.udp.address, chat.udp.port): " + cause.getMessage());
		}
		long sweepNanos = sweepPeriod(Duration.ofNanos(this.idleNanos)).toNanos();
		this.scheduler.scheduleWithFixedDelay(this::sweep, sweepNanos, sweepNanos, TimeUnit.NANOSECONDS);
		this.scheduler.scheduleWithFixedDelay(this.clients::sweepLoginRates, RATE_SWEEP.toSeconds(),
				RATE_SWEEP.toSeconds(), TimeUnit.SECONDS);
		logger.info("UDP chat on " + address + ":" + port());
	}

	/** The bound port, for tests started with {@code chat.udp.port=0}; -1 when off. */
	public int port() {
		return this.outbox.port();
	}

	/** The address it listens on, as configured, for health (U8). */
	public String address() {
		return this.address;
	}

	/** Whether {@code chat.udp.enabled} is set, for health (U8). */
	public boolean isEnabled() {
		return this.enabled;
	}

	/** Whether its socket is bound and read (U1), for health (U8). */
	public boolean isListening() {
		return this.enabled && this.receiver.isRunning() && this.outbox.port() > 0;
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
		UdpPeer peer = this.clients.peer(from);
		if (peer == null) {
			if (DatagramLines.isHelloFrom(request)) {
				this.clients.logIn(from, request, now);
			}
			else {
				this.metrics.ignored(Ignored.NOT_LOGGED_IN);
			}
			return;
		}
		peer.heard(now);
		if (!peer.budget().tryConsume(1)) {
			this.metrics.ignored(Ignored.RATE);
			note(peer, this.overRate);
		}
		else if (!peer.lane().submit(() -> this.clients.handle(peer, request), request.length)) {
			this.metrics.ignored(Ignored.BACKLOG);
			note(peer, OVER_BACKLOG);
		}
	}

	/** A note in the client's trace (O3): datagrams it sent were ignored. */
	private static void note(UdpPeer peer, Reason reason) {
		Session session = peer.session();
		if (session != null) {
			session.trace().note(reason);
		}
	}

	private void sweep() {
		try {
			this.clients.logOutIdle(System.nanoTime(), this.idleNanos);
		}
		catch (Throwable ex) {
			logger.warn("The UDP idle sweep failed: " + ex, (ex instanceof Error) ? null : ex);
		}
	}

	/** Logs every UDP user out and stops the timer and the lanes (R3). */
	@Override
	public void close() {
		this.clients.logOutAll(CloseReason.SHUTDOWN);
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
