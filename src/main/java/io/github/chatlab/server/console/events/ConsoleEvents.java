package io.github.chatlab.server.console.events;

import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter.DataWithMediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import io.github.chatlab.server.chat.ChatThreads;

/**
 * The server-sent event stream of {@code GET /api/events} (O9), so the page needs no
 * polling. Publishing never waits: it happens on connections' threads (a login, an error,
 * a close), so each subscriber has a bounded queue and a thread of its own that writes to
 * its HTTP response; a subscriber that falls {@code chat.console.events.queue} events
 * behind (it stopped reading) is dropped, and holds up nobody else. At most
 * {@code chat.console.events.max-subscribers} streams are open at once. With no
 * subscriber, publishing costs one read of a volatile array.
 */
public final class ConsoleEvents {

	private static final Log logger = LogFactory.getLog(ConsoleEvents.class);

	/** A comment this often tells a dead subscriber from a quiet server. */
	private static final long HEARTBEAT_SECONDS = 15;

	/**
	 * An EventSource reconnects by itself; a stream ends after this, so none is stale.
	 */
	private static final long STREAM_MILLIS = TimeUnit.MINUTES.toMillis(30);

	/**
	 * Events written and flushed together at most: one flush per event fell behind at the
	 * soak's ~3,500 events a second, where nearly every follower was dropped.
	 */
	private static final int BATCH = 64;

	private final int maxSubscribers;

	private final int queueSize;

	private final CopyOnWriteArrayList<Subscriber> subscribers = new CopyOnWriteArrayList<>();

	private final ThreadFactory threads = ChatThreads.named("console-events");

	private volatile boolean stopped;

	public ConsoleEvents(int maxSubscribers, int queueSize) {
		this.maxSubscribers = maxSubscribers;
		this.queueSize = queueSize;
	}

	/**
	 * A new stream.
	 * @throws TooManySubscribers when {@code max-subscribers} are open
	 */
	public SseEmitter subscribe() {
		if (this.stopped) {
			throw new TooManySubscribers("the server is stopping");
		}
		synchronized (this.subscribers) {
			if (this.subscribers.size() >= this.maxSubscribers) {
				throw new TooManySubscribers(this.maxSubscribers + " event streams are open already "
						+ "(chat.console.events.max-subscribers)");
			}
			SseEmitter emitter = new SseEmitter(STREAM_MILLIS);
			Subscriber subscriber = new Subscriber(emitter, new ArrayBlockingQueue<>(this.queueSize));
			this.subscribers.add(subscriber);
			emitter.onCompletion(subscriber::end);
			emitter.onTimeout(subscriber::end);
			emitter.onError((ex) -> subscriber.end());
			this.threads.newThread(subscriber).start();
			return emitter;
		}
	}

	/** Hands {@code event} to every subscriber; never waits. */
	public void publish(ConsoleEvent event) {
		for (Subscriber subscriber : this.subscribers) {
			if (!subscriber.queue.offer(event)) {
				logger.info("Dropped an event stream that fell " + this.queueSize + " events behind");
				subscriber.end();
				subscriber.emitter.complete();
			}
		}
	}

	/** Open streams. */
	public int subscribers() {
		return this.subscribers.size();
	}

	/** Ends every stream (the server is stopping). */
	public void stop() {
		this.stopped = true;
		for (Subscriber subscriber : this.subscribers) {
			subscriber.end();
			subscriber.emitter.complete();
		}
	}

	/** Refused: the cap on open streams is reached. */
	public static final class TooManySubscribers extends RuntimeException {

		TooManySubscribers(String message) {
			super(message);
		}

	}

	private final class Subscriber implements Runnable {

		private final SseEmitter emitter;

		private final BlockingQueue<ConsoleEvent> queue;

		private final AtomicBoolean ended = new AtomicBoolean();

		private volatile Thread thread;

		Subscriber(SseEmitter emitter, BlockingQueue<ConsoleEvent> queue) {
			this.emitter = emitter;
			this.queue = queue;
		}

		@Override
		public void run() {
			this.thread = Thread.currentThread();
			try {
				this.emitter.send(SseEmitter.event().comment("chat-server events"));
				while (!this.ended.get()) {
					ConsoleEvent event = this.queue.poll(HEARTBEAT_SECONDS, TimeUnit.SECONDS);
					if (event == null) {
						this.emitter.send(SseEmitter.event().comment("heartbeat"));
					}
					else {
						this.emitter.send(batch(event));
					}
				}
			}
			catch (IOException | IllegalStateException ex) {
				// the client went away, or the stream was completed meanwhile
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			finally {
				end();
			}
		}

		/**
		 * {@code first} and whatever else is queued, up to {@link #BATCH} events, for one
		 * write and one flush.
		 */
		private Set<DataWithMediaType> batch(ConsoleEvent first) {
			Set<DataWithMediaType> batch = new LinkedHashSet<>();
			ConsoleEvent event = first;
			for (int n = 1; event != null; n++) {
				batch.addAll(SseEmitter.event().name(event.type()).data(event, MediaType.APPLICATION_JSON).build());
				event = (n < BATCH) ? this.queue.poll() : null;
			}
			return batch;
		}

		void end() {
			if (this.ended.compareAndSet(false, true)) {
				ConsoleEvents.this.subscribers.remove(this);
				Thread running = this.thread;
				if (running != null && running != Thread.currentThread()) {
					running.interrupt();
				}
			}
		}

	}

}
