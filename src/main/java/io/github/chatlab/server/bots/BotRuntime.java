package io.github.chatlab.server.bots;

import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.github.chatlab.server.chat.ChatThreads;
import io.github.chatlab.server.chat.Peer;

/**
 * Where the bots do their work, off every connection's thread: a timer that only keeps
 * time, and writers that do the socket writes (a write may wait up to the write time-out
 * on a client that stopped reading, and must hold up nobody else). Each client's backlog
 * with the bots is bounded (S8): at most {@link #MAX_BACKLOG_MESSAGES} messages and
 * {@link #MAX_BACKLOG_BYTES} bytes not yet sent back; beyond that a {@code SEND} to a bot
 * gets {@code BAD-DEST-USER}. Measured before the bound: one client pipelining
 * {@code SEND delaybot <60 KB>} grew the live heap by 4.5 GB in 20 s.
 */
final class BotRuntime {

	/** Enough for the lab's bursts of ten messages to a bot. */
	static final int MAX_BACKLOG_MESSAGES = 16;

	/** Four messages of the longest line. */
	static final long MAX_BACKLOG_BYTES = 256 * 1024;

	/**
	 * Writer threads at most: a write to a client that reads nothing holds one for up to
	 * the write time-out, so without a bound 40 such clients held 450 threads. The queue
	 * behind them is bounded by the backlogs.
	 */
	static final int MAX_WRITERS = 16;

	private final ScheduledThreadPoolExecutor timer;

	private final ExecutorService writers;

	/**
	 * Weak keys: a client that leaves with messages pending is forgotten with its peer.
	 */
	private final Map<Peer, Backlog> backlogs = Collections.synchronizedMap(new WeakHashMap<>());

	BotRuntime() {
		this.timer = ChatThreads.timer("bots-timer");
		ThreadPoolExecutor writers = new ThreadPoolExecutor(MAX_WRITERS, MAX_WRITERS, 10, TimeUnit.SECONDS,
				new LinkedBlockingQueue<>(), ChatThreads.named("bots-writer"));
		writers.allowCoreThreadTimeOut(true);
		this.writers = writers;
	}

	/**
	 * Counts {@code bytes} more into {@code peer}'s backlog.
	 * @return false when the backlog is full (nothing is counted then)
	 */
	boolean admit(Peer peer, int bytes) {
		boolean[] admitted = new boolean[1];
		this.backlogs.compute(peer, (key, backlog) -> {
			Backlog current = (backlog != null) ? backlog : Backlog.EMPTY;
			if (current.messages() >= MAX_BACKLOG_MESSAGES || current.bytes() + bytes > MAX_BACKLOG_BYTES) {
				return backlog;
			}
			admitted[0] = true;
			return new Backlog(current.messages() + 1, current.bytes() + bytes);
		});
		return admitted[0];
	}

	/** A message of {@code bytes} has been sent back to {@code peer}, or given up. */
	void done(Peer peer, int bytes) {
		this.backlogs.computeIfPresent(peer, (key, backlog) -> (backlog.messages() <= 1) ? null
				: new Backlog(backlog.messages() - 1, backlog.bytes() - bytes));
	}

	/**
	 * Runs {@code task} on a writer after {@code delay}; false if the server is stopping.
	 */
	boolean writeLater(Runnable task, Duration delay) {
		try {
			if (delay.isZero()) {
				this.writers.execute(task);
			}
			else {
				this.timer.schedule(() -> write(task), delay.toNanos(), TimeUnit.NANOSECONDS);
			}
			return true;
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	private void write(Runnable task) {
		try {
			this.writers.execute(task);
		}
		catch (RuntimeException ex) {
			// shutting down
		}
	}

	/** Stops the timer and the writers; what is under way ends where it is. */
	void close() {
		this.timer.shutdownNow();
		this.writers.shutdownNow();
	}

	private record Backlog(int messages, long bytes) {

		static final Backlog EMPTY = new Backlog(0, 0);

	}

}
