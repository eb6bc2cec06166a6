package io.github.chatlab.server.bots;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.github.chatlab.server.chat.Bot;
import io.github.chatlab.server.chat.Session;
import io.github.chatlab.server.protocol.Command.Send;
import io.github.chatlab.server.protocol.Replies;
import io.github.chatlab.server.wire.Outbox;

/**
 * {@code delaybot}: sends a message back twice, as two {@code DELIVERY delaybot <msg>}
 * lines written in three fragments {@code step} apart: the first ends mid-way through the
 * first message, the second mid-way through the second line's header. A client must
 * reassemble lines that arrive in pieces. Nothing else is written to that client while a
 * line is incomplete (S6), and the waiting is done by a timer, never by a connection's
 * thread; the writes run on a pool of their own, so a client that stops reading holds up
 * nobody else's sequence.
 */
public final class Delaybot implements Bot {

	public static final String NAME = "delaybot";

	private static final byte[] PREFIX = Replies.deliveryPrefix(NAME);

	/**
	 * How much of the second line's header ({@code DELIVERY}) the second fragment
	 * carries.
	 */
	private static final int HEADER_CUT = 4;

	private final Duration step;

	private final ScheduledExecutorService timer;

	/**
	 * Runs the fragment writes, so that a client that stops reading blocks no other
	 * client's sequence.
	 */
	private final ExecutorService writers;

	/**
	 * Per recipient, the end of its last sequence, so sequences to one client run one
	 * after another.
	 */
	private final Map<Outbox, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();

	public Delaybot(Duration step, ScheduledExecutorService timer, ExecutorService writers) {
		this.step = step;
		this.timer = timer;
		this.writers = writers;
	}

	@Override
	public String name() {
		return NAME;
	}

	/** Stops the timer and the writers; sequences under way end where they are. */
	public void close() {
		this.timer.shutdownNow();
		this.writers.shutdownNow();
	}

	@Override
	public void receive(Session sender, Send send) {
		byte[] line = Replies.delivery(PREFIX, send.line(), send.messageOffset(), send.messageLength());
		byte[] twice = new byte[2 * line.length];
		System.arraycopy(line, 0, twice, 0, line.length);
		System.arraycopy(line, 0, twice, line.length, line.length);
		int firstCut = PREFIX.length + send.messageLength() / 2;
		int secondCut = line.length + HEADER_CUT;
		Outbox outbox = sender.connection().outbox();
		sender.connection().afterReplies(() -> enqueue(outbox, twice, firstCut, secondCut));
	}

	private void enqueue(Outbox outbox, byte[] bytes, int firstCut, int secondCut) {
		CompletableFuture<Void> tail = this.tails.compute(outbox,
				(key, previous) -> ((previous != null) ? previous : CompletableFuture.<Void>completedFuture(null))
					.thenCompose(ignored -> transmit(outbox, bytes, firstCut, secondCut)));
		tail.whenComplete((ignored, error) -> this.tails.remove(outbox, tail));
	}

	private CompletableFuture<Void> transmit(Outbox outbox, byte[] bytes, int firstCut, int secondCut) {
		CompletableFuture<Void> done = new CompletableFuture<>();
		write(() -> {
			if (!outbox.writeFragment(bytes, 0, firstCut, true, false)) {
				done.complete(null);
				return;
			}
			later(() -> {
				if (!outbox.writeFragment(bytes, firstCut, secondCut - firstCut, false, false)) {
					done.complete(null);
					return;
				}
				later(() -> {
					outbox.writeFragment(bytes, secondCut, bytes.length - secondCut, false, true);
					done.complete(null);
				}, done);
			}, done);
		}, done);
		return done;
	}

	/**
	 * After a step, on a writer thread: the timer thread only keeps time and never
	 * writes.
	 */
	private void later(Runnable task, CompletableFuture<Void> done) {
		try {
			this.timer.schedule(() -> write(task, done), this.step.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (RuntimeException ex) {
			done.complete(null); // shutting down
		}
	}

	private void write(Runnable task, CompletableFuture<Void> done) {
		try {
			this.writers.execute(task);
		}
		catch (RuntimeException ex) {
			done.complete(null); // shutting down
		}
	}

}
