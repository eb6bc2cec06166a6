package io.github.chatlab.server.chat;

import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;

import org.springframework.core.task.VirtualThreadTaskExecutor;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * The one way the server makes threads: Spring's {@link CustomizableThreadFactory},
 * daemon threads (a thread left running never holds the JVM at exit, R3), each named
 * {@code chat-<name>-N} so that a thread dump says what every thread is for
 * (docs/architecture.md lists them).
 */
public final class ChatThreads {

	private ChatThreads() {
	}

	/** Daemon threads named {@code chat-<name>-1}, {@code chat-<name>-2}, … */
	public static ThreadFactory named(String name) {
		return named(name, 0);
	}

	/**
	 * Like {@link #named(String)}, with {@code stackBytes} of stack per thread (0: the
	 * JVM's default).
	 */
	public static ThreadFactory named(String name, long stackBytes) {
		CustomizableThreadFactory threads = new CustomizableThreadFactory(prefix(name)) {

			@Override
			public Thread createThread(Runnable runnable) {
				Thread thread = new Thread(getThreadGroup(), runnable, nextThreadName(), stackBytes);
				thread.setDaemon(true);
				return thread;
			}

		};
		threads.setDaemon(true);
		return threads;
	}

	/**
	 * A timer of one thread, {@code chat-<name>-1}: a cancelled task is freed at once
	 * rather than when it falls due, and shutting down discards what is waiting rather
	 * than holding the process (R3).
	 */
	public static ScheduledThreadPoolExecutor timer(String name) {
		ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, named(name));
		timer.setRemoveOnCancelPolicy(true);
		timer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
		return timer;
	}

	/**
	 * A thread for each task while it runs: a virtual thread when {@code virtual}, else a
	 * platform thread, kept a minute for the next task.
	 */
	public static Executor perTask(String name, boolean virtual) {
		return virtual ? new VirtualThreadTaskExecutor(prefix(name)) : Executors.newCachedThreadPool(named(name));
	}

	private static String prefix(String name) {
		return "chat-" + name + "-";
	}

}
