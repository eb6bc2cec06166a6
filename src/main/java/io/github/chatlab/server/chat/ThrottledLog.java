package io.github.chatlab.server.chat;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;

/**
 * A WARN line per address and kind of event at most once a minute, with how many were
 * left out, so that a client hammering the server cannot flood the log (R4); the meters
 * count every event.
 */
public final class ThrottledLog {

	private static final long PERIOD_NANOS = TimeUnit.MINUTES.toNanos(1);

	/** More keys than this and the oldest are forgotten at the next line. */
	private static final int MAX_KEYS = 10_000;

	private final Log logger;

	private final Map<String, Window> windows = new ConcurrentHashMap<>();

	public ThrottledLog(Log logger) {
		this.logger = logger;
	}

	/**
	 * Logs {@code message} about {@code address} unless a line of the same {@code kind}
	 * about it was logged less than a minute ago.
	 */
	public void warn(String kind, String address, String message) {
		if (!this.logger.isWarnEnabled()) {
			return;
		}
		long now = System.nanoTime();
		Window window = this.windows.computeIfAbsent(kind + " " + address, (key) -> new Window(now - PERIOD_NANOS));
		long start = window.start.get();
		if (now - start >= PERIOD_NANOS && window.start.compareAndSet(start, now)) {
			long left = window.suppressed.getAndSet(0);
			this.logger.warn(message + ((left > 0) ? " (and " + left + " more like it in the last minute)" : ""));
			if (this.windows.size() > MAX_KEYS) {
				this.windows.values().removeIf((other) -> now - other.start.get() >= PERIOD_NANOS);
			}
		}
		else {
			window.suppressed.incrementAndGet();
		}
	}

	private static final class Window {

		final AtomicLong start;

		final AtomicLong suppressed = new AtomicLong();

		Window(long start) {
			this.start = new AtomicLong(start);
		}

	}

}
