package io.github.chatlab.server.udp.fault;

import java.time.Duration;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A scheduler whose clock moves only when a test calls {@link #advance}, so delays of
 * seconds are tested without waiting. Tasks run on the test's thread, in order of their
 * due time, then of scheduling.
 */
final class ManualScheduler extends AbstractExecutorService implements ScheduledExecutorService {

	private final PriorityQueue<Task> queue = new PriorityQueue<>();

	private long now;

	private long sequence;

	private boolean shutdown;

	/** Moves the clock on by {@code duration}, running every task that falls due. */
	synchronized void advance(Duration duration) {
		long until = this.now + duration.toNanos();
		while (!this.queue.isEmpty() && this.queue.peek().due <= until) {
			Task task = this.queue.poll();
			this.now = task.due;
			if (!task.cancelled) {
				task.done = true;
				task.action.run();
			}
		}
		this.now = until;
	}

	/** Tasks scheduled and neither run nor cancelled. */
	synchronized long waiting() {
		return this.queue.stream().filter((task) -> !task.cancelled).count();
	}

	@Override
	public synchronized ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
		if (this.shutdown) {
			throw new RejectedExecutionException("shut down");
		}
		Task task = new Task(command, this.now + unit.toNanos(delay), this.sequence++);
		this.queue.add(task);
		return task;
	}

	@Override
	public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
		throw new UnsupportedOperationException();
	}

	@Override
	public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
		throw new UnsupportedOperationException();
	}

	@Override
	public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
		throw new UnsupportedOperationException();
	}

	@Override
	public void execute(Runnable command) {
		schedule(command, 0, TimeUnit.NANOSECONDS);
	}

	@Override
	public synchronized void shutdown() {
		this.shutdown = true;
	}

	@Override
	public synchronized List<Runnable> shutdownNow() {
		this.shutdown = true;
		this.queue.clear();
		return List.of();
	}

	@Override
	public synchronized boolean isShutdown() {
		return this.shutdown;
	}

	@Override
	public synchronized boolean isTerminated() {
		return this.shutdown && this.queue.isEmpty();
	}

	@Override
	public boolean awaitTermination(long timeout, TimeUnit unit) {
		return isTerminated();
	}

	private final class Task implements ScheduledFuture<Void> {

		private final Runnable action;

		private final long due;

		private final long order;

		private boolean cancelled;

		private boolean done;

		Task(Runnable action, long due, long order) {
			this.action = action;
			this.due = due;
			this.order = order;
		}

		@Override
		public long getDelay(TimeUnit unit) {
			synchronized (ManualScheduler.this) {
				return unit.convert(this.due - ManualScheduler.this.now, TimeUnit.NANOSECONDS);
			}
		}

		@Override
		public int compareTo(Delayed other) {
			Task that = (Task) other;
			int byTime = Long.compare(this.due, that.due);
			return (byTime != 0) ? byTime : Long.compare(this.order, that.order);
		}

		@Override
		public boolean cancel(boolean mayInterruptIfRunning) {
			synchronized (ManualScheduler.this) {
				if (this.done) {
					return false;
				}
				this.cancelled = true;
				return true;
			}
		}

		@Override
		public boolean isCancelled() {
			return this.cancelled;
		}

		@Override
		public boolean isDone() {
			return this.done || this.cancelled;
		}

		@Override
		public Void get() {
			return null;
		}

		@Override
		public Void get(long timeout, TimeUnit unit) {
			return null;
		}

	}

}
