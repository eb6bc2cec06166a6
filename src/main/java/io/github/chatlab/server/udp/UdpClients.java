package io.github.chatlab.server.udp;

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

import io.github.chatlab.server.chat.ChatService;
import io.github.chatlab.server.chat.CloseReason;
import io.github.chatlab.server.chat.Session;
import io.github.chatlab.server.protocol.Frame;
import io.github.chatlab.server.protocol.Reasons;
import io.github.chatlab.server.udp.fault.FaultCommand;
import io.github.chatlab.server.udp.fault.FaultCommandParser;
import io.github.chatlab.server.udp.fault.FaultRandoms;
import io.github.chatlab.server.udp.fault.FaultSettings;
import io.github.chatlab.server.udp.fault.UnreliableChannel;

/**
 * The UDP clients, one per logged-in address (U1, U3), and the dispatch of every request
 * they send: {@code HELLO-FROM} (L3), the fault commands (U5), and everything else for
 * the {@link ChatService}, in the registry the TCP users share (U2). Kept apart from the
 * framing so that the receiving thread only looks an address up here.
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

	UdpClients(ChatService chat, UdpProperties udp, UdpOutbox outbox, Executor lanes) {
		this.chat = chat;
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
	 * (U5, U6), so that even a refusal is faulted. A refused attempt is forgotten.
	 */
	void logIn(InetSocketAddress from, byte[] request, long now) {
		String id = "udp:" + from.getAddress().getHostAddress() + ":" + from.getPort() + "#"
				+ this.ids.incrementAndGet();
		String name = new String(request, Math.min(HELLO_FROM_AND_SPACE, request.length),
				Math.max(0, request.length - HELLO_FROM_AND_SPACE), StandardCharsets.UTF_8);
		UnreliableChannel channel = new UnreliableChannel(this.defaults, this.randoms.forClient(name));
		UdpPeer peer = new UdpPeer(id, from, channel, this.outbox, new ClientLane(this.lanes),
				budget(this.rate, TimeMeter.SYSTEM_NANOTIME), now, this::logOut);
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

	/** One request of a logged-in client, on its lane. */
	void handle(UdpPeer peer, byte[] request) {
		if (peer.isClosed()) {
			return;
		}
		Optional<FaultCommand> fault = FaultCommandParser.parse(request);
		if (fault.isPresent()) {
			Session traced = peer.session();
			byte[] reply = peer.answer(fault.get());
			if (traced != null) {
				// U5's commands are no chat's, but they are the client's lines (O3)
				traced.trace().in(request);
				traced.trace().out(reply);
			}
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
