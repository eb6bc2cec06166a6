package io.github.chatlab.server.chat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import io.github.chatlab.server.protocol.Reason;
import io.github.chatlab.server.protocol.Reasons;
import io.github.chatlab.server.protocol.Replies;
import io.github.chatlab.server.protocol.UserNames;
import io.github.chatlab.server.trace.Trace;
import io.github.chatlab.server.trace.TraceProperties;
import io.github.chatlab.server.trace.Traces;

/**
 * Who is where: a {@link Session} per open connection, the logged-in users by name and in
 * login order, and the built-in {@link Bot}s, whose names are taken but who do not count
 * towards {@code max-clients}. Logins and logouts are serialized by one lock, so
 * {@code max-clients} and unique names hold however many clients log in at once (L3);
 * lookups by name take no lock. It knows nothing of sockets: transports report clients
 * opened and closed, and a closed client's user is removed at once (L7). A transport may
 * have a limit of its own ({@code chat.udp.max-clients}, U2): its users count towards
 * that limit only, all other users towards {@code max-clients}.
 */
public final class SessionRegistry {

	private static final Log logger = LogFactory.getLog(SessionRegistry.class);

	/** Guarded by this. */
	private final LoginQuotas quotas;

	private final Map<String, Session> sessionsByConnection = new ConcurrentHashMap<>();

	private final Map<String, Session> usersByName = new ConcurrentHashMap<>();

	/** Guarded by this. */
	private final LinkedHashMap<String, Session> usersInLoginOrder = new LinkedHashMap<>();

	/** The built-in bots by name, in the order they came online; fixed at start-up. */
	private final Map<String, Bot> bots = new LinkedHashMap<>();

	private final UserNames names;

	/**
	 * The {@link UserNames#key keys} of the logged-in users' names, which make a name
	 * taken (L2, L3.4), and the name that holds each; lookups by name stay exact. Guarded
	 * by this.
	 */
	private final Map<String, String> keysInUse = new HashMap<>();

	/** Traces for sessions opened without one (tests that build a registry alone). */
	private @Nullable Traces ownTraces;

	private volatile byte @Nullable [] listOk;

	/**
	 * @param maxClients the limit of the users of every transport without one of its own
	 * @param maxClientsByTransport limits of their own, by {@link Peer#transport()}
	 * @param bots the built-in bots
	 * @param limits what one source address may hold (L10)
	 * @param names what makes two names the same name (L2)
	 */
	public SessionRegistry(int maxClients, Map<String, Integer> maxClientsByTransport, List<Bot> bots,
			AddressLimits limits, UserNames names) {
		this.quotas = new LoginQuotas(maxClients, maxClientsByTransport, limits);
		this.names = names;
		for (Bot bot : bots) {
			this.bots.put(bot.name(), bot);
		}
	}

	/** The result of a login attempt that passed the syntax checks (L3.3 to L3.5). */
	public enum LoginResult {

		OK,

		/** The server, or the users' transport, is full (L3.3, U2). */
		BUSY,

		/**
		 * The source address holds {@code chat.per-address.max-users} already (L10, U8).
		 */
		ADDRESS_BUSY,

		IN_USE, CONNECTION_CLOSED

	}

	/**
	 * A client connected (or, on UDP, sent its first datagram).
	 * @param id the transport's id for it, unique among open clients
	 */
	public Session opened(String id, Peer peer, Trace trace) {
		Session session = new Session(id, peer, trace);
		this.sessionsByConnection.put(id, session);
		return session;
	}

	/** {@link #opened(String, Peer, Trace)} with a trace of the default settings. */
	public synchronized Session opened(String id, Peer peer) {
		if (this.ownTraces == null) {
			this.ownTraces = new Traces(TraceProperties.defaults());
		}
		return opened(id, peer, this.ownTraces.open(id, peer.transport(), peer.remoteAddress()));
	}

	/**
	 * A client is gone: its user, if any, is logged out at once and the name is free
	 * (L7). The transport calls it before the socket closes, so by the time a client sees
	 * its connection end, no {@code LIST} shows it. Calls after the first are ignored.
	 */
	public void closed(String id, CloseReason reason) {
		Session session = this.sessionsByConnection.remove(id);
		if (session == null) {
			return;
		}
		String name;
		synchronized (this) {
			session.end();
			name = session.name();
			if (name != null && this.usersInLoginOrder.get(name) == session) {
				this.usersInLoginOrder.remove(name);
				this.usersByName.remove(name);
				this.keysInUse.remove(this.names.key(name));
				this.quotas.remove(session);
				this.listOk = null;
			}
		}
		if (name != null) {
			logLogout(session, reason);
		}
	}

	private static void logLogout(Session session, CloseReason reason) {
		switch (reason.level()) {
			case DEBUG -> logger.debug("Logout " + session + ": " + reason);
			case INFO -> logger.info("Logout " + session + ": " + reason);
			case WARN -> logger.warn("Logout " + session + ": " + reason);
		}
	}

	/**
	 * Every open client, logged in or not, in no particular order: the console's view of
	 * connections that have not logged in yet (O9).
	 */
	public List<Session> sessions() {
		return new ArrayList<>(this.sessionsByConnection.values());
	}

	public @Nullable Session session(String connectionId) {
		return this.sessionsByConnection.get(connectionId);
	}

	public @Nullable Session user(String name) {
		return this.usersByName.get(name);
	}

	/** The built-in bot of that name, if it is online. */
	public @Nullable Bot bot(String name) {
		return this.bots.get(name);
	}

	/** The names of the bots online, which do not count towards {@code max-clients}. */
	public List<String> botNames() {
		return List.copyOf(this.bots.keySet());
	}

	/**
	 * Logs {@code session} in as {@code name} unless the server is full or the name
	 * taken, in that order. A refusal's reason (O2) is left in the session's trace
	 * ({@link Trace#closing}).
	 */
	public LoginResult logIn(Session session, String name) {
		String key = this.names.key(name);
		String bot = this.bots.keySet().stream().filter((b) -> this.names.key(b).equals(key)).findFirst().orElse(null);
		synchronized (this) {
			if (session.hasEnded()) {
				return LoginResult.CONNECTION_CLOSED;
			}
			LoginQuotas.Full full = this.quotas.full(session);
			if (full != null) {
				// L3.3, U2; L10, U8
				session.trace().closing(this.quotas.explain(session, full));
				return (full == LoginQuotas.Full.SERVER) ? LoginResult.BUSY : LoginResult.ADDRESS_BUSY;
			}
			if (bot != null) {
				session.trace().closing(Reasons.inUse(name, bot, true));
				return LoginResult.IN_USE;
			}
			String holder = this.keysInUse.putIfAbsent(key, name);
			if (holder != null) {
				session.trace().closing(Reasons.inUse(name, holder, false));
				return LoginResult.IN_USE;
			}
			session.logIn(name);
			this.quotas.add(session);
			this.usersInLoginOrder.put(name, session);
			this.usersByName.put(name, session);
			this.listOk = null;
		}
		logger.info("Login " + session);
		return LoginResult.OK;
	}

	/**
	 * The {@code LIST-OK} line for the users now online, rebuilt only after a login or
	 * logout (Q1).
	 */
	public byte[] listOk() {
		byte[] line = this.listOk;
		if (line == null) {
			synchronized (this) {
				line = this.listOk;
				if (line == null) {
					List<String> names = new ArrayList<>(this.bots.keySet());
					names.addAll(this.usersInLoginOrder.keySet());
					line = Replies.listOk(names);
					this.listOk = line;
				}
			}
		}
		return line;
	}

	/** The logged-in users, oldest login first. */
	public List<Session> users() {
		synchronized (this) {
			return new ArrayList<>(this.usersInLoginOrder.values());
		}
	}

	/**
	 * Disconnects {@code name}, freeing the name at once (L7). @return false if nobody
	 * has that name
	 */
	public boolean disconnect(String name, CloseReason reason) {
		Session session = this.usersByName.get(name);
		if (session == null) {
			return false;
		}
		session.peer().close(reason);
		return true;
	}

	public int userCount() {
		return this.usersByName.size();
	}

}
