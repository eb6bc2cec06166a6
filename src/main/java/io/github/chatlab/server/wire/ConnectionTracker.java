package io.github.chatlab.server.wire;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;

import io.github.chatlab.server.chat.AddressLimits;
import io.github.chatlab.server.chat.ChatMetrics;
import io.github.chatlab.server.chat.ChatThreads;
import io.github.chatlab.server.chat.CloseReason;
import io.github.chatlab.server.chat.Gate;
import io.github.chatlab.server.chat.ThrottledLog;
import io.github.chatlab.server.protocol.Reasons;
import io.github.chatlab.server.wire.AdmissionControl.Admission;
import io.github.chatlab.server.wire.AdmissionControl.Verdict;

/**
 * Knows every open connection: it admits at most {@code chat.max-connections} of them
 * (L9) and what each address may have (L10), runs their login deadlines (L8), and every
 * few milliseconds closes any whose socket has accepted nothing for the write time-out
 * (S5, S7), which is what unblocks a sender stuck writing to a client that stopped
 * reading.
 */
public final class ConnectionTracker implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(ConnectionTracker.class);

	/** How often lingering sockets are drained: often enough to keep a sender moving. */
	private static final long LINGER_POLL_MILLIS = 20;

	private final long writeTimeoutNanos;

	private final long scanPeriodMillis;

	private final Set<ChatConnection> open = ConcurrentHashMap.newKeySet();

	private final Lingerer lingerer = new Lingerer();

	private final AdmissionControl admissions;

	private final ChatMetrics metrics;

	private final ThrottledLog log = new ThrottledLog(logger);

	private final long lingerNanos;

	/**
	 * Made on each start, so the tracker survives a stop and start (a paused test context
	 * does that).
	 */
	private volatile ScheduledThreadPoolExecutor timer = newTimer();

	private volatile boolean running;

	public ConnectionTracker(int maxConnections, Duration writeTimeout, Duration closeLinger, AddressLimits limits,
			ChatMetrics metrics) {
		this(maxConnections, writeTimeout, closeLinger, limits, metrics, Gate.OPEN);
	}

	/**
	 * @param gate the bans every connect passes (O4)
	 */
	public ConnectionTracker(int maxConnections, Duration writeTimeout, Duration closeLinger, AddressLimits limits,
			ChatMetrics metrics, Gate gate) {
		this.admissions = new AdmissionControl(maxConnections, limits, metrics, this.log, gate);
		this.metrics = metrics;
		this.lingerNanos = closeLinger.toNanos();
		this.writeTimeoutNanos = writeTimeout.toNanos();
		this.scanPeriodMillis = Math.max(5, Math.min(250, writeTimeout.toMillis() / 20));
	}

	private static ScheduledThreadPoolExecutor newTimer() {
		return ChatThreads.timer("timer");
	}

	/**
	 * Admits {@code connection} unless the server (L9) or its address (L10) is at a
	 * limit; a refusal is counted and logged (at most a line per address and reason a
	 * minute).
	 * @return the connection's wait for its login, null when it is refused
	 */
	@Nullable LoginWait admit(ChatConnection connection) {
		Admission admission = this.admissions.admit(connection.remoteAddress().getAddress());
		if (admission.verdict() != Verdict.ADMITTED) {
			connection.refusedFor(admission.reason(), admission.verdict() != Verdict.CONNECT_RATE);
			return null;
		}
		this.open.add(connection);
		return new LoginWait(admission);
	}

	/** A client over its budget of lines is being slowed (L11). */
	void paced() {
		this.metrics.paced();
	}

	void release(ChatConnection connection) {
		if (this.open.remove(connection)) {
			this.admissions.closed();
		}
	}

	/**
	 * Runs {@code task} after {@code delay}; null when the server is stopping and every
	 * connection closes.
	 */
	private @Nullable ScheduledFuture<?> schedule(Runnable task, Duration delay) {
		try {
			return this.timer.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (RejectedExecutionException ex) {
			return null;
		}
	}

	/**
	 * Shuts down the output of a refused connection, its reply written, and hands its
	 * socket to the {@link Lingerer} for {@code chat.close-linger} (L5).
	 * @return false when the client was gone already
	 */
	boolean linger(Socket socket) {
		try {
			socket.shutdownOutput();
		}
		catch (IOException ex) {
			return false;
		}
		this.lingerer.linger(socket, System.nanoTime() + this.lingerNanos);
		return true;
	}

	/** Open TCP connections, logged in or not. */
	public int openConnections() {
		return this.admissions.openConnections();
	}

	private void closeStalledWriters() {
		long now = System.nanoTime();
		for (ChatConnection connection : this.open) {
			if (connection.isStalled(now)) {
				String address = connection.remoteAddress().getAddress().getHostAddress();
				this.log.warn("write-timeout", address,
						"Write time-out: " + address + " accepted nothing for "
								+ Duration.ofNanos(this.writeTimeoutNanos).toMillis()
								+ " ms (twice that after a steady read); disconnecting it");
				connection.close(CloseReason.WRITE_TIMEOUT,
						Reasons.writeTimeout(Duration.ofNanos(this.writeTimeoutNanos), connection.queuedBytes()));
			}
		}
	}

	@Override
	public void start() {
		if (this.timer.isShutdown()) {
			this.timer = newTimer();
		}
		this.timer.scheduleWithFixedDelay(this::closeStalledWriters, this.scanPeriodMillis, this.scanPeriodMillis,
				TimeUnit.MILLISECONDS);
		this.timer.scheduleWithFixedDelay(this.lingerer::poll, LINGER_POLL_MILLIS, LINGER_POLL_MILLIS,
				TimeUnit.MILLISECONDS);
		this.timer.scheduleWithFixedDelay(this.admissions::sweep, 10, 10, TimeUnit.SECONDS);
		this.running = true;
	}

	/** Closes every connection (R3). */
	@Override
	public void stop() {
		this.running = false;
		int left = this.admissions.openConnections();
		if (left > 0) {
			logger.info("Closing " + left + " connections: the server is stopping");
		}
		for (ChatConnection connection : this.open) {
			connection.close(CloseReason.SHUTDOWN);
		}
		this.lingerer.closeAll();
		this.timer.shutdownNow();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * A connection's time before its login: it holds one of its address's pending places
	 * (L10) and runs against the login deadline, counted from connect (L8). Both end at
	 * the login or the close, whichever is first, exactly once.
	 */
	final class LoginWait {

		private final AtomicReference<@Nullable Admission> pending;

		private volatile @Nullable ScheduledFuture<?> deadline;

		private LoginWait(Admission admission) {
			this.pending = new AtomicReference<>(admission);
		}

		/** Starts the deadline: {@code onTimeout} runs unless the wait ends first. */
		void start(Duration timeout, Runnable onTimeout) {
			this.deadline = schedule(onTimeout, timeout);
		}

		/** The login happened, or the connection closed. */
		void end() {
			ScheduledFuture<?> scheduled = this.deadline;
			if (scheduled != null) {
				scheduled.cancel(false);
			}
			Admission admission = this.pending.getAndSet(null);
			if (admission != null) {
				// its pending place at its address is free (L10)
				ConnectionTracker.this.admissions.loggedInOrClosed(admission);
			}
		}

	}

}
