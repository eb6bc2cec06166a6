package io.github.chatlab.server.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * One selector thread that drives every client {@link Connection}: the whole client side
 * of a run lives on it, so thousands of clients cost no threads and the run's state needs
 * no locks. Other threads talk to it only through {@link #call} and {@link #execute}.
 */
final class EventLoop implements AutoCloseable {

	private final Selector selector;

	private final Thread thread;

	private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();

	private final ArrayDeque<Connection> dirty = new ArrayDeque<>();

	private final List<Runnable> tickers = new ArrayList<>();

	private final ByteBuffer scratch = ByteBuffer.allocate(256 * 1024);

	private volatile boolean running = true;

	EventLoop(String name) {
		try {
			this.selector = Selector.open();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.thread = new Thread(this::run, name);
		this.thread.setDaemon(true);
		this.thread.start();
	}

	/** Runs {@code task} on the loop thread, soon. */
	void execute(Runnable task) {
		this.tasks.add(task);
		this.selector.wakeup();
	}

	/** Runs {@code task} on the loop thread and waits for its result. */
	<T> T call(Callable<T> task) {
		CompletableFuture<T> result = new CompletableFuture<>();
		execute(() -> {
			try {
				result.complete(task.call());
			}
			catch (Throwable ex) {
				result.completeExceptionally(ex);
			}
		});
		return await(result, Duration.ofSeconds(60));
	}

	/** Waits for a future that the loop completes, failing after {@code timeout}. */
	static <T> T await(CompletableFuture<T> future, Duration timeout) {
		try {
			return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException(ex.getCause().getMessage(), ex.getCause());
		}
		catch (TimeoutException ex) {
			throw new IllegalStateException("timed out after " + timeout, ex);
		}
	}

	/**
	 * Waits until {@code condition} holds, checking it on the loop thread every turn (at
	 * least every millisecond), or until {@code timeout} passes. Not from the loop
	 * thread.
	 * @return whether the condition held
	 */
	boolean until(BooleanSupplier condition, Duration timeout) {
		CompletableFuture<Boolean> done = new CompletableFuture<>();
		long deadline = System.nanoTime() + timeout.toNanos();
		Runnable[] check = new Runnable[1];
		check[0] = () -> {
			boolean held = condition.getAsBoolean();
			if (held || System.nanoTime() > deadline) {
				removeTicker(check[0]);
				done.complete(held);
			}
		};
		execute(() -> addTicker(check[0]));
		return await(done, timeout.plusSeconds(5));
	}

	/**
	 * Adds work done on every loop turn (at least every millisecond), e.g. pacing a fixed
	 * rate. Loop thread only.
	 */
	void addTicker(Runnable ticker) {
		this.tickers.add(ticker);
	}

	void removeTicker(Runnable ticker) {
		this.tickers.remove(ticker);
	}

	/**
	 * Starts a connection, its socket bound to {@code source} (if not null) first. Loop
	 * thread only.
	 */
	Connection connect(InetSocketAddress target, InetAddress source, ConnectionHandler handler) {
		SocketChannel channel = null;
		Connection connection;
		try {
			channel = SocketChannel.open();
			channel.configureBlocking(false);
			channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
			if (source != null) {
				channel.bind(new InetSocketAddress(source, 0));
			}
			connection = new Connection(this, channel, handler);
			boolean done = channel.connect(target);
			connection.attach(
					channel.register(this.selector, done ? SelectionKey.OP_READ : SelectionKey.OP_CONNECT, connection));
			if (done) {
				connection.connectedNow();
			}
			return connection;
		}
		catch (IOException ex) {
			if (channel != null) {
				try {
					channel.close();
				}
				catch (IOException ignored) {
					// nothing more to do
				}
			}
			connection = new Connection(this, channel, handler);
			connection.terminate(ex);
			return connection;
		}
	}

	void markDirty(Connection connection) {
		this.dirty.add(connection);
	}

	private void run() {
		while (this.running) {
			try {
				if (this.tickers.isEmpty() && this.dirty.isEmpty()) {
					this.selector.select(100);
				}
				else if (this.dirty.isEmpty()) {
					this.selector.select(1);
				}
				else {
					this.selector.selectNow();
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			Iterator<SelectionKey> keys = this.selector.selectedKeys().iterator();
			while (keys.hasNext()) {
				SelectionKey key = keys.next();
				keys.remove();
				Connection connection = (Connection) key.attachment();
				if (!key.isValid()) {
					continue;
				}
				try {
					if (key.isConnectable()) {
						connection.finishConnect();
						continue;
					}
					if (key.isReadable()) {
						connection.readable(this.scratch);
					}
					if (key.isValid() && key.isWritable()) {
						connection.flush();
					}
				}
				catch (RuntimeException ex) {
					connection.terminate(ex);
				}
			}
			Runnable task;
			while ((task = this.tasks.poll()) != null) {
				guarded(task);
			}
			for (int i = 0; i < this.tickers.size(); i++) {
				guarded(this.tickers.get(i));
			}
			Connection connection;
			while ((connection = this.dirty.poll()) != null) {
				connection.flush();
			}
		}
	}

	/** A bug in one task must not stop the loop that every other client depends on. */
	private static void guarded(Runnable task) {
		try {
			task.run();
		}
		catch (RuntimeException ex) {
			System.err.println("load: event-loop task failed: " + ex);
			ex.printStackTrace();
		}
	}

	@Override
	public void close() {
		this.running = false;
		this.selector.wakeup();
		try {
			this.thread.join(5000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		for (SelectionKey key : this.selector.keys()) {
			try {
				key.channel().close();
			}
			catch (IOException ex) {
				// closing anyway
			}
		}
		try {
			this.selector.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
	}

}
