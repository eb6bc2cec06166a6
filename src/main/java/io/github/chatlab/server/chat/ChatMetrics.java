package io.github.chatlab.server.chat;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import io.github.chatlab.server.protocol.Command.ProtocolError;

/**
 * The server's Micrometer meters, so an operator sees at a glance how busy it is and
 * which clients misbehave. Tags carry outcomes and kinds only, never user names or
 * message text. Every meter is registered up front, so dashboards show zeros rather than
 * gaps.
 */
public final class ChatMetrics {

	/** How a login attempt ended. */
	public enum LoginOutcome {

		OK("ok"), IN_USE("in-use"), BUSY("busy"), BAD_NAME("bad-name");

		final String tag;

		LoginOutcome(String tag) {
			this.tag = tag;
		}

	}

	/** How a SEND ended. */
	public enum SendOutcome {

		DELIVERED("delivered"), BAD_DEST_USER("bad-dest-user"), BAD_BODY("bad-body"), FAILED_WRITE("failed-write");

		final String tag;

		SendOutcome(String tag) {
			this.tag = tag;
		}

	}

	private final Map<LoginOutcome, Counter> logins = new EnumMap<>(LoginOutcome.class);

	private final Map<SendOutcome, Counter> sends = new EnumMap<>(SendOutcome.class);

	private final Map<ProtocolError, Counter> errors = new EnumMap<>(ProtocolError.class);

	private final Map<CloseReason, Counter> disconnects = new EnumMap<>(CloseReason.class);

	private final Map<Refusal, Counter> refusals = new EnumMap<>(Refusal.class);

	private final Counter loginTimeouts;

	private final Counter paced;

	private final Timer sendToSendOk;

	/** Why a connection was refused before it could log in (L9, L10). */
	public enum Refusal {

		MAX_CONNECTIONS("max-connections"), PER_ADDRESS("per-address"), CONNECT_RATE("connect-rate");

		final String tag;

		Refusal(String tag) {
			this.tag = tag;
		}

	}

	/**
	 * @param openConnections the transport's count of open connections, logged in or not
	 */
	public ChatMetrics(MeterRegistry meters, SessionRegistry sessions, IntSupplier openConnections) {
		Gauge.builder("chat.users.online", sessions, SessionRegistry::userCount)
			.description("Users logged in")
			.register(meters);
		Gauge.builder("chat.connections.open", openConnections, IntSupplier::getAsInt)
			.description("Open TCP connections, logged in or not")
			// a gauge holds its object weakly, and this lambda is its only holder
			.strongReference(true)
			.register(meters);
		for (LoginOutcome outcome : LoginOutcome.values()) {
			this.logins.put(outcome,
					Counter.builder("chat.logins")
						.description("Login attempts by outcome")
						.tag("outcome", outcome.tag)
						.register(meters));
		}
		for (SendOutcome outcome : SendOutcome.values()) {
			this.sends.put(outcome,
					Counter.builder("chat.sends")
						.description("SEND requests by outcome")
						.tag("outcome", outcome.tag)
						.register(meters));
		}
		for (ProtocolError kind : ProtocolError.values()) {
			this.errors.put(kind,
					Counter.builder("chat.protocol.errors")
						.description("BAD-RQST-HDR and BAD-RQST-BODY replies")
						.tag("kind", (kind == ProtocolError.HEADER) ? "header" : "body")
						.register(meters));
		}
		for (CloseReason reason : CloseReason.values()) {
			this.disconnects.put(reason,
					Counter.builder("chat.disconnects")
						.description("Connections ended, by reason")
						.tag("reason", reason.tag())
						.register(meters));
		}
		for (Refusal refusal : Refusal.values()) {
			this.refusals.put(refusal,
					Counter.builder("chat.connections.refused")
						.description("Connections refused with BUSY before login")
						.tag("reason", refusal.tag)
						.register(meters));
		}
		this.loginTimeouts = Counter.builder("chat.login.timeouts")
			.description("Connections closed for not logging in within chat.login-timeout")
			.register(meters);
		this.paced = Counter.builder("chat.flood.paused")
			.description("Lines read only after their client's budget refilled: the reading paused for each (L11)")
			.register(meters);
		this.sendToSendOk = Timer.builder("chat.send.duration")
			.description("From reading a SEND to deciding its SEND-OK, the delivery written")
			.publishPercentileHistogram()
			.register(meters);
	}

	public void login(LoginOutcome outcome) {
		this.logins.get(outcome).increment();
	}

	/**
	 * A SEND ended; {@code nanos} is how long since it was read, recorded for delivered
	 * messages.
	 */
	public void send(SendOutcome outcome, long nanos) {
		this.sends.get(outcome).increment();
		if (outcome == SendOutcome.DELIVERED) {
			this.sendToSendOk.record(nanos, TimeUnit.NANOSECONDS);
		}
	}

	public void protocolError(ProtocolError kind) {
		this.errors.get(kind).increment();
	}

	public void disconnected(CloseReason reason) {
		this.disconnects.get(reason).increment();
		if (reason == CloseReason.LOGIN_TIMEOUT) {
			this.loginTimeouts.increment();
		}
	}

	public void paced() {
		this.paced.increment();
	}

	public void refused(Refusal refusal) {
		this.refusals.get(refusal).increment();
	}

}
