package io.github.chatlab.server.chat;

import io.github.chatlab.server.protocol.Reason;
import io.github.chatlab.server.protocol.Reasons;

/**
 * Why a connection ended, for its logout log line and the {@code chat.disconnects} meter.
 * Each reason carries how loud its log line is: what clients do every day is INFO, what
 * an operator should look at is WARN, and a server stop logs one line for everyone
 * instead of one per user.
 */
public enum CloseReason {

	/** The client closed its side (FIN). */
	CLIENT_CLOSED("client-closed", "client closed the connection", Level.INFO),

	/** The connection was reset or broke (RST, a network error). */
	RESET("reset", "connection reset or broken", Level.INFO),

	/** Its socket accepted nothing for the write time-out (S5). */
	WRITE_TIMEOUT("write-timeout", "write timed out", Level.INFO),

	/** A write to its socket failed. */
	WRITE_FAILED("write-failed", "write failed", Level.INFO),

	/** It did not log in within the login time-out (L8). */
	LOGIN_TIMEOUT("login-timeout", "no login within chat.login-timeout", Level.INFO),

	/**
	 * It was refused (BUSY, IN-USE, an invalid name, a line before login: L3, L4, L9).
	 */
	REFUSED("refused", "closed after a refusal", Level.INFO),

	/** An operator disconnected it. */
	OPERATOR("operator", "disconnected by an operator", Level.INFO),

	/**
	 * Its thread failed (even an OutOfMemoryError): the name must not stay behind (S8).
	 */
	ERROR("error", "closed after an error on its thread", Level.WARN),

	/** A datagram client was silent for the idle time-out (U3). */
	IDLE("idle", "silent for chat.udp.idle-timeout", Level.INFO),

	/** The server is stopping (R3). */
	SHUTDOWN("shutdown", "server shutting down", Level.DEBUG);

	/** How loud a reason's log line is. */
	public enum Level {

		DEBUG, INFO, WARN

	}

	private final String tag;

	private final String description;

	private final Level level;

	CloseReason(String tag, String description, Level level) {
		this.tag = tag;
		this.description = description;
		this.level = level;
	}

	/** The meter tag: short, stable, no spaces. */
	public String tag() {
		return this.tag;
	}

	public Level level() {
		return this.level;
	}

	/**
	 * O2's reason for a close of this kind when whoever closed gave none with its details
	 * ({@link io.github.chatlab.server.trace.Trace#closing}).
	 */
	public Reason explain() {
		return switch (this) {
			case CLIENT_CLOSED -> Reasons.clientClosed();
			case RESET -> Reasons.reset(null);
			case WRITE_TIMEOUT -> Reasons.writeTimeout();
			case WRITE_FAILED -> Reasons.writeFailed(null);
			case LOGIN_TIMEOUT -> Reasons.loginTimeout();
			case REFUSED -> Reasons.refused();
			case OPERATOR -> Reasons.kicked(null, null);
			case ERROR -> Reasons.error(null);
			case IDLE -> Reasons.idle();
			case SHUTDOWN -> Reasons.shutdown();
		};
	}

	@Override
	public String toString() {
		return this.description;
	}

}
