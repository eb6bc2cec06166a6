package io.github.chatlab.server.udp.fault;

import java.util.HashSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * Holds back delayed datagrams (U6's DELAY) on one shared scheduler, never a thread or a
 * sleeping task per datagram, and bounds what each client may have waiting (S8): at most
 * {@code maxDatagrams} datagrams and {@code maxBytes} bytes. A datagram beyond either
 * bound is dropped and counted: the channel is allowed to lose datagrams (U6), whereas
 * sending it early would break the delay the client asked for, and the lab's server, with
 * one goroutine per delayed datagram, lets a client with {@code DELAY 1} and
 * {@code DELAY-LEN 30 30} pin any amount of memory.
 *
 * @param <K> what identifies a client, for example its socket address
 */
public final class DelayedSends<K> {

	/** Far above a lab test's backlog: 10 messages, each with its replies, delayed. */
	public static final int DEFAULT_MAX_DATAGRAMS = 64;

	/** 32 datagrams of the default 2048 bytes; 300 clients hold at most 19 MiB. */
	public static final int DEFAULT_MAX_BYTES = 64 * 1024;

	private final ScheduledExecutorService scheduler;

	private final int maxDatagrams;

	private final long maxBytes;

	private final ConcurrentHashMap<K, Backlog> backlogs = new ConcurrentHashMap<>();

	private final LongAdder delayed = new LongAdder();

	private final LongAdder dropped = new LongAdder();

	/**
	 * @param scheduler one thread for every delay, which should free a cancelled datagram
	 * at once rather than when it falls due, and discard what is waiting when it shuts
	 * down rather than hold the process for up to 30 s (R3)
	 * @param maxDatagrams the most datagrams one client may have waiting
	 * @param maxBytes the most bytes one client may have waiting
	 */
	public DelayedSends(ScheduledExecutorService scheduler, int maxDatagrams, long maxBytes) {
		if (maxDatagrams < 1 || maxBytes < 1) {
			throw new IllegalArgumentException("The bounds must be positive");
		}
		this.scheduler = scheduler;
		this.maxDatagrams = maxDatagrams;
		this.maxBytes = maxBytes;
	}

	/**
	 * Hands {@code datagram} to {@code send}, on the scheduler's thread, after
	 * {@code delaySeconds}, unless the client's backlog is full.
	 * @return false if the datagram was dropped instead (counted in {@link #dropped()})
	 */
	public boolean schedule(K client, byte[] datagram, int delaySeconds, Consumer<byte[]> send) {
		while (true) {
			Backlog backlog = this.backlogs.computeIfAbsent(client, (key) -> new Backlog());
			synchronized (backlog) {
				if (backlog.retired) {
					// emptied and removed meanwhile: take the new one
					continue;
				}
				if (backlog.pending.size() >= this.maxDatagrams || backlog.bytes + datagram.length > this.maxBytes) {
					this.dropped.increment();
					return false;
				}
				Pending pending = new Pending(client, backlog, datagram, send);
				backlog.add(pending, datagram.length);
				try {
					pending.future = this.scheduler.schedule(pending, delaySeconds, TimeUnit.SECONDS);
				}
				catch (RejectedExecutionException ex) {
					remove(client, backlog, pending);
					this.dropped.increment();
					return false;
				}
				this.delayed.increment();
				return true;
			}
		}
	}

	/**
	 * Discards what is waiting for {@code client}, when it is logged out (L7), so that
	 * nothing reaches whoever uses its address next.
	 * @return how many datagrams were discarded
	 */
	public int cancel(K client) {
		Backlog backlog = this.backlogs.remove(client);
		if (backlog == null) {
			return 0;
		}
		synchronized (backlog) {
			backlog.retired = true;
			int discarded = backlog.pending.size();
			for (Pending pending : backlog.pending) {
				if (pending.future != null) {
					pending.future.cancel(false);
				}
			}
			backlog.pending.clear();
			backlog.bytes = 0;
			return discarded;
		}
	}

	/** How many datagrams are waiting for {@code client}. */
	public int pending(K client) {
		Backlog backlog = this.backlogs.get(client);
		if (backlog == null) {
			return 0;
		}
		synchronized (backlog) {
			return backlog.pending.size();
		}
	}

	/** How many bytes are waiting for {@code client}. */
	public long pendingBytes(K client) {
		Backlog backlog = this.backlogs.get(client);
		if (backlog == null) {
			return 0;
		}
		synchronized (backlog) {
			return backlog.bytes;
		}
	}

	/** How many clients have datagrams waiting. */
	public int clientsWaiting() {
		return this.backlogs.size();
	}

	/** How many datagrams were accepted for a delayed send since start. */
	public long delayed() {
		return this.delayed.sum();
	}

	/** How many datagrams were dropped since start because a backlog was full. */
	public long dropped() {
		return this.dropped.sum();
	}

	/** Removes a datagram that is leaving; the caller holds the backlog's lock. */
	private boolean remove(K client, Backlog backlog, Pending pending) {
		if (!backlog.pending.remove(pending)) {
			return false;
		}
		backlog.bytes -= pending.datagram.length;
		if (backlog.pending.isEmpty()) {
			backlog.retired = true;
			this.backlogs.remove(client, backlog);
		}
		return true;
	}

	/**
	 * What one client has waiting, counted so that its bounds (S8) are checked without
	 * walking the datagrams. Guarded by its own monitor; {@code retired} once emptied and
	 * removed, so that a racing sender takes a new one.
	 */
	private final class Backlog {

		private final HashSet<Pending> pending = new HashSet<>();

		private long bytes;

		private boolean retired;

		void add(Pending datagram, int length) {
			this.pending.add(datagram);
			this.bytes += length;
		}

	}

	/** One datagram waiting for its time. */
	private final class Pending implements Runnable {

		private final K client;

		private final Backlog backlog;

		private final byte[] datagram;

		private final Consumer<byte[]> send;

		private ScheduledFuture<?> future;

		Pending(K client, Backlog backlog, byte[] datagram, Consumer<byte[]> send) {
			this.client = client;
			this.backlog = backlog;
			this.datagram = datagram;
			this.send = send;
		}

		@Override
		public void run() {
			synchronized (this.backlog) {
				if (!remove(this.client, this.backlog, this)) {
					// cancelled after it fell due
					return;
				}
			}
			this.send.accept(this.datagram);
		}

	}

}
