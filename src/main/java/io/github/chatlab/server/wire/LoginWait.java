package io.github.chatlab.server.wire;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

import io.github.chatlab.server.wire.AdmissionControl.Admission;

/**
 * A connection's time before its login: it holds one of its address's pending places
 * (L10) and runs against the login deadline, counted from connect (L8). Both end at the
 * login or the close, whichever is first, exactly once.
 */
final class LoginWait {

	private final ConnectionTracker tracker;

	private final AtomicReference<@Nullable Admission> pending;

	private volatile @Nullable ScheduledFuture<?> deadline;

	LoginWait(ConnectionTracker tracker, @Nullable Admission admission) {
		this.tracker = tracker;
		this.pending = new AtomicReference<>(admission);
	}

	/** Starts the deadline: {@code onTimeout} runs unless the wait ends first. */
	void start(Duration timeout, Runnable onTimeout) {
		this.deadline = this.tracker.schedule(onTimeout, timeout);
	}

	/** The login happened, or the connection closed. */
	void end() {
		ScheduledFuture<?> scheduled = this.deadline;
		if (scheduled != null) {
			scheduled.cancel(false);
		}
		Admission admission = this.pending.getAndSet(null);
		if (admission != null) {
			this.tracker.release(admission);
		}
	}

}
