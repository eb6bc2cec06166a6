package io.github.chatlab.server.udp;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import org.jspecify.annotations.Nullable;

import io.github.chatlab.server.chat.AddressGroup;
import io.github.chatlab.server.chat.AddressLimits;
import io.github.chatlab.server.chat.ChatMetrics;
import io.github.chatlab.server.chat.ChatMetrics.LoginOutcome;
import io.github.chatlab.server.chat.ChatService;
import io.github.chatlab.server.chat.CloseReason;
import io.github.chatlab.server.chat.ConnectRate;
import io.github.chatlab.server.chat.Session;
import io.github.chatlab.server.chat.ThrottledLog;
import io.github.chatlab.server.protocol.Frame;
import io.github.chatlab.server.protocol.Reasons;
import io.github.chatlab.server.protocol.Replies;
import io.github.chatlab.server.udp.fault.FaultCommand;
import io.github.chatlab.server.udp.fault.FaultCommandParser;
import io.github.chatlab.server.udp.fault.FaultRandoms;
import io.github.chatlab.server.udp.fault.FaultSettings;
import io.github.chatlab.server.udp.fault.UnreliableChannel;

/**
 * The UDP clients, one per logged-in address (U1, U3), and the dispatch of every request
 * they send: {@code HELLO-FROM} (L3), the fault commands (U5), and everything else for
 * the {@link ChatService}, in the registry the TCP users share (U2). Kept apart from the
 * framing so that the receiving thread only looks an address up here. A
 * {@code HELLO-FROM} from an address not logged in is UDP's connect: L10's connect rate
 * applies to it (U8), with a {@link ConnectRate} of its own.
 */
final class UdpClients {

	private static final int HELLO_FROM_AND_SPACE = "HELLO-FROM ".length();

	private final ChatService chat;

	private final UdpOutbox outbox;

	private final Executor lanes;

	private final FaultSettings defaults;

	private final FaultRandoms randoms;

	private final int rate;

	private final Map<InetSocketAddress, UdpPeer> peers = new ConcurrentHashMap<>();

	private final AtomicLong ids = new AtomicLong();

	private final AddressLimits limits;

	private final ConnectRate logins;

	private final ChatMetrics metrics;

	private final ThrottledLog log;

	UdpClients(ChatService chat, UdpProperties udp, UdpOutbox outbox, Executor lanes, AddressLimits limits,
			ChatMetrics metrics, ThrottledLog log) {
		this.chat = chat;
		this.limits = limits;
		this.logins = new ConnectRate(limits);
		this.metrics = metrics;
		this.log = log;
		this.outbox = outbox;
		this.lanes = lanes;
		this.defaults = udp.faults().settings();
		this.randoms = udp.faults().randoms();
		this.rate = udp.rate();
	}

	/** The client logged in from {@code from}, or null. */
	@Nullable UdpPeer peer(InetSocketAddress from) {
		return this.peers.get(from);
	}

	/**
	 * L3 on the receiving thread, which nothing here can block: the client's channel
	 * starts from the server's defaults, with the random stream of the name it asks for
	 * (U5, U6), so that even a refusal is faulted. Beyond the address's login rate the
	 * answer is {@code BUSY}, one datagram for one, whatever the name (U8). A refused
	 * attempt is forgotten.
	 */
	void logIn(InetSocketAddress from, byte[] request, long now) {
		InetAddress address = from.getAddress();
		boolean overRate = !this.limits.isExempt(address) && !this.logins.tryTake(AddressGroup.of(address));
		String id = "udp:" + from.getAddress().getHostAddress() + ":" + from.getPort() + "#"
				+ this.ids.incrementAndGet();
		String name = new String(request, Math.min(HELLO_FROM_AND_SPACE, request.length),
				Math.max(0, request.length - HELLO_FROM_AND_SPACE), StandardCharsets.UTF_8);
		UnreliableChannel channel = new UnreliableChannel(this.defaults, this.randoms.forClient(name));
		UdpPeer peer = new UdpPeer(id, from, channel, this.outbox, new ClientLane(this.lanes),
				budget(this.rate, TimeMeter.SYSTEM_NANOTIME), now, this::logOut);
		if (overRate) {
			refuseOverRate(peer);
			return;
		}
		Session session = this.chat.opened(id, peer);
		peer.attach(session);
		try {
			this.chat.handle(session, new Frame.Line(request));
		}
		finally {
			if (session.isLoggedIn()) {
				this.peers.put(from, peer);
				if (peer.isClosed()) {
					// disconnected by an operator meanwhile
					this.peers.remove(from, peer);
				}
			}
			else {
				peer.markClosed();
				this.chat.closed(id, CloseReason.REFUSED);
			}
		}
	}

	/** Counted and logged as L10's refusals are (R4), before any session exists. */
	private void refuseOverRate(UdpPeer peer) {
		this.metrics.login(LoginOutcome.BUSY);
		String address = peer.remoteAddress().getAddress().getHostAddress();
		this.log.warn("udp-login-rate", address, "Refused a udp login from " + address + " with BUSY: "
				+ Reasons.connectRate(address, this.limits.connectRate(), this.limits.connectBurst()));
		peer.refuse(Replies.BUSY);
		peer.markClosed();
	}

	/** Drops the login-rate buckets of addresses quiet long enough (U8). */
	void sweepLoginRates() {
		this.logins.sweep();
	}

	/** One request of a logged-in client, on its lane. */
	void handle(UdpPeer peer, byte[] request) {
		if (peer.isClosed()) {
			return;
		}
		Optional<FaultCommand> fault = FaultCommandParser.parse(request);
		if (fault.isPresent()) {
			Session traced = peer.session();
			if (traced != null) {
				// U5's commands are no chat's, but they are the client's lines (O3)
				traced.trace().in(request);
			}
			peer.answer(fault.get());
			return;
		}
		Session session = peer.session();
		if (session != null) {
			this.chat.handle(session, new Frame.Line(request));
			peer.answered();
		}
	}

	/**
	 * Logs {@code peer}'s user out at once (L7) and discards its delayed datagrams before
	 * its address is free again, so that nothing reaches whoever uses the address next.
	 */
	private void logOut(UdpPeer peer, CloseReason reason) {
		if (!peer.markClosed()) {
			return;
		}
		this.outbox.discard(peer.remoteAddress());
		this.peers.remove(peer.remoteAddress(), peer);
		this.chat.closed(peer.id(), reason);
	}

	/** Logs out the addresses silent for longer than {@code idleNanos} (U3). */
	void logOutIdle(long now, long idleNanos) {
		for (UdpPeer peer : this.peers.values()) {
			if (peer.isIdle(now, idleNanos)) {
				Session session = peer.session();
				if (session != null) {
					session.trace().closing(Reasons.idle(Duration.ofNanos(idleNanos)));
				}
				logOut(peer, CloseReason.IDLE);
			}
		}
	}

	/** Logs every UDP user out (R3). */
	void logOutAll(CloseReason reason) {
		for (UdpPeer peer : this.peers.values()) {
			logOut(peer, reason);
		}
	}

	/**
	 * A client's datagram budget (U7): {@code rate} per second after a burst of as many,
	 * a Bucket4j token bucket as TCP's L11 budget is. Only the receiving thread takes
	 * from it.
	 */
	static Bucket budget(int rate, TimeMeter clock) {
		return Bucket.builder()
			.addLimit((limit) -> limit.capacity(rate).refillGreedy(rate, Duration.ofSeconds(1)))
			.withCustomTimePrecision(clock)
			.build();
	}

}
