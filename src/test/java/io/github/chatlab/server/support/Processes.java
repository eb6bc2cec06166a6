package io.github.chatlab.server.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * For tests that run the server as a process of its own (ProcessIT, MemoryIT,
 * TraceConsoleIT).
 */
public final class Processes {

	private Processes() {
	}

	/** Everything {@code stream} gives until it ends, read on a thread of its own. */
	public static CompletableFuture<String> readAll(InputStream stream) {
		return CompletableFuture.supplyAsync(() -> {
			try {
				return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
			}
			catch (IOException ex) {
				return "";
			}
		});
	}

	/** A port that was free a moment ago, for a server that must be told its port. */
	public static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	/**
	 * Reads the server's standard output until {@code Server is on} (at most 90 s: the
	 * first start on a JDK may record its archive meanwhile), then keeps draining it so
	 * the server never blocks on a full pipe. Standard error is left to the caller.
	 * @return what the server prints on standard output from then on
	 */
	public static StringBuffer awaitServerIsOn(Process server) throws Exception {
		BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
		CompletableFuture<Boolean> on = CompletableFuture.supplyAsync(() -> {
			try {
				String line;
				while ((line = out.readLine()) != null) {
					if (line.equals("Server is on")) {
						return true;
					}
				}
				return false;
			}
			catch (IOException ex) {
				return false;
			}
		});
		assertThat(on.get(90, TimeUnit.SECONDS)).as("Server is on").isTrue();
		StringBuffer after = new StringBuffer();
		CompletableFuture.runAsync(() -> drain(out, after));
		return after;
	}

	/** Appends every line {@code reader} gives to {@code into}, until it ends. */
	public static void drain(BufferedReader reader, StringBuffer into) {
		try {
			String line;
			while ((line = reader.readLine()) != null) {
				into.append(line).append('\n');
			}
		}
		catch (IOException ex) {
			// the process ended
		}
	}

	/** {@link #drain(BufferedReader, StringBuffer)} for a stream. */
	public static void drain(InputStream stream, StringBuffer into) {
		drain(new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8)), into);
	}

}
