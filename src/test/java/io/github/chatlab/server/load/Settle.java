package io.github.chatlab.server.load;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Waits between runs until the server has let go of the previous run's users: a probe
 * client asks {@code LIST} every few milliseconds until no more than {@code baseline}
 * other users are online. The time it takes is reported (L7 wants a closed connection's
 * user gone within 100 ms), and the next run does not start against a server still
 * tearing down thousands of connections.
 */
final class Settle implements ChatClient.Listener {

	private static final long POLL_NANOS = 20_000_000;

	private final RunContext context;

	private final Stats stats = new Stats();

	private final CompletableFuture<Boolean> online = new CompletableFuture<>();

	private CompletableFuture<Integer> count;

	private ChatClient probe;

	private Settle(RunContext context) {
		this.context = context;
	}

	/**
	 * How many users besides a probe are online now; -1 if the probe could not log in.
	 */
	static int usersOnline(RunContext context) {
		Settle settle = new Settle(context);
		try {
			return settle.connect() ? settle.count() : -1;
		}
		finally {
			settle.close();
		}
	}

	/**
	 * Polls until at most {@code baseline} other users are online or {@code timeout}
	 * passes.
	 * @return nanoseconds it took, or -1 on timeout or when the probe could not log in
	 */
	static long awaitAtMost(RunContext context, int baseline, Duration timeout) {
		Settle settle = new Settle(context);
		long start = System.nanoTime();
		try {
			if (!settle.connect()) {
				return -1;
			}
			CompletableFuture<Long> settled = new CompletableFuture<>();
			long deadline = start + timeout.toNanos();
			context.loop().execute(() -> settle.poll(baseline, start, deadline, settled));
			return EventLoop.await(settled, timeout.plusSeconds(30));
		}
		finally {
			settle.close();
		}
	}

	/**
	 * Asks LIST; when the answer comes, completes {@code settled} or asks again
	 * {@link #POLL_NANOS} after the last question. All on the loop thread: the loop's
	 * ticker does the waiting, nobody sleeps.
	 */
	private void poll(int baseline, long start, long deadline, CompletableFuture<Long> settled) {
		long asked = System.nanoTime();
		this.count = new CompletableFuture<>();
		this.count.thenAccept(others -> {
			long now = System.nanoTime();
			if (others <= baseline) {
				settled.complete(now - start);
			}
			else if (now > deadline) {
				settled.complete(-1L);
			}
			else {
				EventLoop loop = this.context.loop();
				Runnable[] later = new Runnable[1];
				later[0] = () -> {
					if (System.nanoTime() - asked >= POLL_NANOS) {
						loop.removeTicker(later[0]);
						poll(baseline, start, deadline, settled);
					}
				};
				loop.addTicker(later[0]);
			}
		});
		this.probe.list();
	}

	private boolean connect() {
		this.context.loop().execute(() -> {
			this.probe = new ChatClient(RunContext.newPrefix() + "probe", this.stats, this, 1);
			this.probe.start(this.context.loop(), this.context.target(), this.context.sources().next());
		});
		return EventLoop.await(this.online, Duration.ofSeconds(30));
	}

	private int count() {
		this.count = new CompletableFuture<>();
		this.context.loop().execute(this.probe::list);
		return EventLoop.await(this.count, Duration.ofSeconds(30));
	}

	private void close() {
		this.context.loop().execute(() -> {
			if (this.probe != null) {
				this.probe.close(false);
			}
		});
	}

	@Override
	public void loggedIn(ChatClient client) {
		this.online.complete(true);
	}

	@Override
	public void loginFailed(ChatClient client, String why) {
		this.online.complete(false);
	}

	@Override
	public void listed(ChatClient client, String line, long nanos) {
		this.count.complete(ChatClient.names(line) - 1);
	}

}
