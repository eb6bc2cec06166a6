package io.github.chatlab.server.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps messages going from a set of sender clients, either closed loop (each sender
 * keeps {@code window} SENDs unanswered) or at a fixed total rate spread round robin over
 * the senders (open loop; a sender with {@code maxInFlight} unanswered SENDs holds the
 * schedule back, and the delay shows in the latency from the intended time). Loop thread
 * only, except {@link #awaitDrained}.
 */
final class Flow {

	private final EventLoop loop;

	private final List<ChatClient> senders;

	private final Stats stats;

	private final int window;

	private final double rate;

	private final int maxInFlight;

	private final Runnable pacer = this::pace;

	private boolean running;

	private long startNanos;

	private long issued;

	/**
	 * {@code rate} 0 means closed loop with {@code window}; otherwise messages per second
	 * in total.
	 */
	Flow(EventLoop loop, List<ChatClient> senders, Stats stats, int window, double rate, int maxInFlight) {
		this.loop = loop;
		this.senders = new ArrayList<>(senders);
		this.stats = stats;
		this.window = window;
		this.rate = rate;
		this.maxInFlight = maxInFlight;
	}

	void start() {
		this.running = true;
		this.startNanos = MessageBody.now();
		if (this.rate > 0) {
			this.loop.addTicker(this.pacer);
			return;
		}
		for (ChatClient sender : this.senders) {
			for (int i = 0; i < this.window; i++) {
				sender.sendNext(MessageBody.now());
			}
		}
	}

	/** A sender's SEND was answered: in closed loop, the window has room for the next. */
	void replied(ChatClient sender) {
		if (this.running && this.rate <= 0 && sender.online() && sender.outbound().inFlight() < this.window) {
			sender.sendNext(MessageBody.now());
		}
	}

	void stop() {
		this.running = false;
		this.loop.removeTicker(this.pacer);
	}

	private void pace() {
		long now = MessageBody.now();
		long due = (long) ((now - this.startNanos) * this.rate / 1e9);
		int count = this.senders.size();
		while (this.issued < due) {
			ChatClient sender = this.senders.get((int) (this.issued % count));
			if (!sender.online() || sender.outbound().inFlight() >= this.maxInFlight) {
				return;
			}
			sender.sendNext(this.startNanos + (long) (this.issued * 1e9 / this.rate));
			this.issued++;
		}
	}

	/**
	 * Every SEND answered and every SEND-OK'd message delivered (or the senders are
	 * gone).
	 */
	boolean drained() {
		for (ChatClient sender : this.senders) {
			if (sender.online() && sender.outbound().inFlight() > 0) {
				return false;
			}
		}
		return this.stats.delivered + this.stats.corrupt >= this.stats.sendOks;
	}

	/**
	 * Called from another thread after {@link #stop}: waits until {@link #drained} or the
	 * timeout.
	 */
	boolean awaitDrained(Duration timeout) {
		return this.loop.until(this::drained, timeout);
	}

	List<Outbound> outbounds() {
		List<Outbound> list = new ArrayList<>();
		for (ChatClient sender : this.senders) {
			list.add(sender.outbound());
		}
		return list;
	}

}
