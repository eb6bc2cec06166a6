package io.github.chatlab.server.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A chat server the tool starts itself as a child process
 * ({@code java -jar chat-server.jar}), on a free loopback port: measures
 * launch-to-listening (process start until {@code Server is on}) and stops it at the end
 * with SIGTERM, measuring that too.
 */
final class ServerProcess implements AutoCloseable {

	private static final int TAIL_LINES = 40;

	private final Process process;

	private final InetSocketAddress address;

	private long launchNanos;

	private final ArrayDeque<String> tail = new ArrayDeque<>();

	private long stopNanos = -1;

	private long signalled = -1;

	private int exitCode = Integer.MIN_VALUE;

	private ServerProcess(Process process, InetSocketAddress address) {
		this.process = process;
		this.address = address;
	}

	/** Starts the server and waits until it prints {@code Server is on}. */
	static ServerProcess launch(LoadOptions options, int maxClients, int maxConnections) {
		Path jar = Paths.get(options.get(Option.JAR));
		if (!Files.isRegularFile(jar)) {
			throw new LoadFailure(jar.toAbsolutePath() + " not found: build it first with "
					+ "./mvnw -q -B package -DskipTests, or pass --jar=... or --target=host:port");
		}
		int port = freePort();
		List<String> command = new ArrayList<>();
		command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(words(options.get(Option.JVM_ARGS)));
		command.addAll(Arrays.asList("-jar", jar.toString(), "--chat.address=127.0.0.1", "--chat.port=" + port,
				"--server.port=0", "--chat.max-clients=" + maxClients, "--chat.max-connections=" + maxConnections,
				// its clients play many hosts from 127.0.0.2 on; L10's limits are not
				// what it measures
				"--chat.per-address.exempt=127.0.0.0/8"));
		command.addAll(words(options.get(Option.SERVER_ARGS)));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		long start = System.nanoTime();
		Process process;
		try {
			process = builder.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot start " + command, ex);
		}
		CompletableFuture<Long> on = new CompletableFuture<>();
		ServerProcess server = new ServerProcess(process,
				new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
		String logName = options.get(Option.SERVER_LOG);
		Path log = logName.isBlank() ? null : Paths.get(logName);
		Thread reader = new Thread(() -> server.readOutput(on, start, log), "server-output");
		reader.setDaemon(true);
		reader.start();
		try {
			server.launchNanos = EventLoop.await(on,
					Duration.ofMillis((long) (options.get(Option.LAUNCH_TIMEOUT) * 1000))) - start;
		}
		catch (IllegalStateException ex) {
			server.close();
			throw new LoadFailure("server did not print 'Server is on': " + ex.getMessage()
					+ "\n--- last server output ---\n" + String.join("\n", server.tail()));
		}
		return server;
	}

	private void readOutput(CompletableFuture<Long> on, long start, Path log) {
		try (BufferedReader lines = new BufferedReader(
				new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8));
				Writer copy = (log == null) ? Writer.nullWriter() : Files.newBufferedWriter(log)) {
			String line;
			while ((line = lines.readLine()) != null) {
				copy.write(line);
				copy.write('\n');
				if (line.equals("Server is on")) {
					on.complete(System.nanoTime());
				}
				synchronized (this.tail) {
					this.tail.add(line);
					if (this.tail.size() > TAIL_LINES) {
						this.tail.poll();
					}
				}
			}
		}
		catch (IOException ex) {
			// the process is gone
		}
		on.completeExceptionally(new IllegalStateException("server output ended"));
	}

	List<String> tail() {
		synchronized (this.tail) {
			return new ArrayList<>(this.tail);
		}
	}

	InetSocketAddress address() {
		return this.address;
	}

	/** Process start until {@code Server is on}. */
	long launchNanos() {
		return this.launchNanos;
	}

	/** SIGTERM until exit, after {@link #close}; -1 if it had to be killed. */
	long stopNanos() {
		return this.stopNanos;
	}

	int exitCode() {
		return this.exitCode;
	}

	boolean alive() {
		return this.process.isAlive();
	}

	/** Sends SIGTERM and returns at once; {@link #awaitExit} or {@link #close} waits. */
	void signalStop() {
		if (this.signalled < 0) {
			this.signalled = System.nanoTime();
			this.process.destroy();
		}
	}

	/**
	 * Waits for the process to exit; nanoseconds since SIGTERM, or -1 if still running
	 * after the timeout.
	 */
	long awaitExit(Duration timeout) {
		try {
			if (!this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				return -1;
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return -1;
		}
		if (this.stopNanos < 0) {
			this.stopNanos = System.nanoTime() - this.signalled;
			this.exitCode = this.process.exitValue();
		}
		return this.stopNanos;
	}

	@Override
	public void close() {
		if (!this.process.isAlive() && this.signalled < 0) {
			this.exitCode = this.process.exitValue();
			return;
		}
		signalStop();
		try {
			if (awaitExit(Duration.ofSeconds(10)) >= 0) {
				return;
			}
			this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static List<String> words(String text) {
		List<String> list = new ArrayList<>();
		for (String word : text.trim().split("\\s+")) {
			if (!word.isEmpty()) {
				list.add(word);
			}
		}
		return list;
	}

}
