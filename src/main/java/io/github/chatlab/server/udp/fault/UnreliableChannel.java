package io.github.chatlab.server.udp.fault;

import java.util.random.RandomGenerator;

import io.github.chatlab.server.protocol.Replies;
import io.github.chatlab.server.udp.fault.FaultCommand.Get;
import io.github.chatlab.server.udp.fault.FaultCommand.Reset;
import io.github.chatlab.server.udp.fault.FaultCommand.Set;

/**
 * One UDP client's receiving channel: its own fault settings (U5, per client, unlike the
 * lab's server where one client's {@code SET} changes everyone's) and its own random
 * stream (U6). Requests and outgoing datagrams may come from different threads; both take
 * this channel's lock, held only for the microseconds of a decision.
 */
public final class UnreliableChannel {

	private final RandomGenerator random;

	private volatile FaultSettings settings;

	/**
	 * @param defaults the server's {@code chat.udp.faults.*} settings, where every client
	 * starts
	 * @param random this client's stream, from {@link FaultRandoms#forClient}
	 */
	public UnreliableChannel(FaultSettings defaults, RandomGenerator random) {
		this.settings = defaults;
		this.random = random;
	}

	/** The current settings, for {@code /actuator/chat} (U7). */
	public FaultSettings settings() {
		return this.settings;
	}

	/**
	 * Carries out a fault request and returns the reply to send back (U5).
	 */
	public synchronized Reply answer(FaultCommand command) {
		if (command instanceof Set set) {
			this.settings = this.settings.with(set.key(), set.value());
			return Reply.SET_OK;
		}
		if (command instanceof Get get) {
			return new Reply(FaultReplies.value(get.key(), this.settings.get(get.key())), true);
		}
		if (command instanceof Reset) {
			this.settings = FaultSettings.NONE;
			return Reply.SET_OK;
		}
		return Reply.BAD_BODY;
	}

	/**
	 * What happens to {@code datagram} on its way to this client (U6).
	 */
	public synchronized Fate transmit(byte[] datagram) {
		return FaultInjector.apply(this.settings, datagram, this.random);
	}

	/**
	 * A reply to a fault request: {@code SET-OK} and {@code VALUE} go out untouched
	 * ({@code faultFree}), as on the lab's server; {@code BAD-RQST-BODY} is faulted like
	 * any other datagram (U6).
	 *
	 * @param datagram the reply's bytes, ending in LF
	 * @param faultFree whether U6 exempts it from faults
	 */
	public record Reply(byte[] datagram, boolean faultFree) {

		static final Reply SET_OK = new Reply(FaultReplies.SET_OK, true);

		static final Reply BAD_BODY = new Reply(Replies.BAD_RQST_BODY, false);

	}

}
