package io.github.chatlab.server.console.voice;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import io.github.chatlab.server.chat.Bot;
import io.github.chatlab.server.chat.ChatThreads;
import io.github.chatlab.server.chat.Delivery;
import io.github.chatlab.server.chat.Session;
import io.github.chatlab.server.console.Operator;
import io.github.chatlab.server.protocol.Command.Send;
import io.github.chatlab.server.protocol.Replies;

/**
 * The teaching team's voice (O5): a user that lives in the server like the bots, under
 * the reserved {@code chat.console.sender}. What students send it is kept (the last
 * {@code chat.console.messages}) and answered {@code SEND-OK} as soon as it is kept; what
 * the teaching team says reaches each student as an ordinary
 * {@code DELIVERY teaching-team <msg>}.
 * <p>
 * A message to everyone never waits on one student (S7): every delivery is queued on its
 * recipient at once (which never waits on a socket), and then completed (written, or
 * failed after the write time-out) on a pool of writers of its own, like the bots'
 * writers, so a student who reads nothing holds one writer for at most the write time-out
 * and everyone else gets the message meanwhile.
 */
public final class TeachingTeam implements Bot {

	/**
	 * Writers at most; a student who stopped reading holds one for up to the write
	 * time-out.
	 */
	static final int MAX_WRITERS = 16;

	private final String name;

	private final byte[] prefix;

	private final int capacity;

	private final Consumer<ConsoleMessage> onMessage;

	private final AtomicLong ids = new AtomicLong();

	private final Deque<Kept> messages = new ArrayDeque<>();

	private final ExecutorService writers;

	/**
	 * @param name the reserved sender
	 * @param capacity how many messages are kept
	 * @param onMessage told of each message kept (the event stream)
	 */
	public TeachingTeam(String name, int capacity, Consumer<ConsoleMessage> onMessage) {
		this.name = name;
		this.prefix = Replies.deliveryPrefix(name);
		this.capacity = capacity;
		this.onMessage = onMessage;
		ThreadPoolExecutor pool = new ThreadPoolExecutor(MAX_WRITERS, MAX_WRITERS, 10, TimeUnit.SECONDS,
				new LinkedBlockingQueue<>(), ChatThreads.named("console-writer"));
		pool.allowCoreThreadTimeOut(true);
		this.writers = pool;
	}

	@Override
	public String name() {
		return this.name;
	}

	/**
	 * Keeps a student's message to the teaching team; it is never full (the oldest go).
	 */
	@Override
	public boolean receive(Session sender, Send send) {
		String text = new String(send.line(), send.messageOffset(), send.messageLength(), StandardCharsets.UTF_8);
		keep(new Kept(this.ids.incrementAndGet(), Instant.now(), "in", String.valueOf(sender.name()),
				sender.peer().remoteAddress().getAddress().getHostAddress(), sender.peer().transport(), null, text,
				null));
		return true;
	}

	/**
	 * Sends {@code text} as the teaching team to {@code recipients}, without waiting for
	 * any of them.
	 * @param to the one user it is for, null for everyone
	 * @return the message as kept
	 */
	public ConsoleMessage say(Operator operator, @Nullable String to, String text, List<Session> recipients) {
		Outgoing outgoing = new Outgoing(recipients.size());
		Kept kept = new Kept(this.ids.incrementAndGet(), Instant.now(), "out", operator.name(), operator.address(),
				null, to, text, outgoing);
		byte[] body = text.getBytes(StandardCharsets.UTF_8);
		List<Delivery> deliveries = new ArrayList<>(recipients.size());
		for (Session recipient : recipients) {
			deliveries.add(recipient.peer().deliver(this.prefix, body, 0, body.length));
		}
		for (Delivery delivery : deliveries) {
			complete(delivery, outgoing);
		}
		keep(kept);
		return kept.view();
	}

	/**
	 * Writes {@code text} to {@code session} and then runs {@code then}, off the caller's
	 * thread: a kick's last word (O9).
	 */
	public void sayThen(Session session, String text, Runnable then) {
		byte[] body = text.getBytes(StandardCharsets.UTF_8);
		Delivery delivery = session.peer().deliver(this.prefix, body, 0, body.length);
		try {
			this.writers.execute(() -> {
				try {
					delivery.complete();
				}
				finally {
					then.run();
				}
			});
		}
		catch (RejectedExecutionException ex) {
			then.run();
		}
	}

	private void complete(Delivery delivery, Outgoing outgoing) {
		try {
			this.writers.execute(() -> {
				boolean written = false;
				try {
					written = delivery.complete();
				}
				finally {
					(written ? outgoing.delivered : outgoing.failed).incrementAndGet();
				}
			});
		}
		catch (RejectedExecutionException ex) {
			// stopping
			outgoing.failed.incrementAndGet();
		}
	}

	private void keep(Kept kept) {
		synchronized (this.messages) {
			this.messages.addFirst(kept);
			while (this.messages.size() > this.capacity) {
				this.messages.removeLast();
			}
		}
		this.onMessage.accept(kept.view());
	}

	/** The messages kept, newest first. */
	public List<ConsoleMessage> messages() {
		synchronized (this.messages) {
			return this.messages.stream().map(Kept::view).toList();
		}
	}

	/** Stops the writers; what is under way ends where it is. */
	public void close() {
		this.writers.shutdownNow();
	}

	private static final class Outgoing {

		final int recipients;

		final AtomicInteger delivered = new AtomicInteger();

		final AtomicInteger failed = new AtomicInteger();

		Outgoing(int recipients) {
			this.recipients = recipients;
		}

	}

	private record Kept(long id, Instant at, String direction, String from, String address, @Nullable String transport,
			@Nullable String to, String text, @Nullable Outgoing outgoing) {

		ConsoleMessage view() {
			Outgoing out = this.outgoing;
			return new ConsoleMessage(this.id, this.at, this.direction, this.from, this.address, this.transport,
					this.to, this.text, (out != null) ? out.recipients : null,
					(out != null) ? out.delivered.get() : null, (out != null) ? out.failed.get() : null);
		}

	}

}
