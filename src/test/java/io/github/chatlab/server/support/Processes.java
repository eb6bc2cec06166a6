package io.github.chatlab.server.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/** For tests that run the server as a process of its own (ProcessIT, MemoryIT). */
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

}
