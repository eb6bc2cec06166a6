package io.github.chatlab.server.startup;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.event.EventListener;
import org.springframework.integration.ip.tcp.connection.TcpConnectionServerExceptionEvent;
import org.springframework.integration.ip.tcp.connection.TcpConnectionServerListeningEvent;

/**
 * Whether the chat listener is accepting connections. The connection factory binds its
 * socket on a thread of its own after the context has started, and reports success or
 * failure only through events, so this turns those events into something start-up can
 * wait for (R2).
 */
public final class ListenerStatus {

	private static final Log logger = LogFactory.getLog(ListenerStatus.class);

	private final CompletableFuture<Integer> listening = new CompletableFuture<>();

	private volatile boolean failedAfterStart;

	@EventListener
	void listening(TcpConnectionServerListeningEvent event) {
		this.listening.complete(event.getPort());
	}

	@EventListener
	void failed(TcpConnectionServerExceptionEvent event) {
		if (!this.listening.completeExceptionally(event.getCause())) {
			this.failedAfterStart = true;
			logger.error("The chat listener stopped: " + describe(event.getCause()));
		}
	}

	/**
	 * Waits for the listener to bind.
	 * @return the port it listens on
	 * @throws IllegalStateException with a one-line reason if it could not
	 */
	public int awaitListening(long timeoutSeconds) {
		try {
			return this.listening.get(timeoutSeconds, TimeUnit.SECONDS);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException(describe(ex.getCause()), ex.getCause());
		}
		catch (TimeoutException ex) {
			throw new IllegalStateException("the listener did not start within " + timeoutSeconds + " s");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while waiting for the listener");
		}
	}

	/** Whether the listener is up now. */
	public boolean isListening() {
		return this.listening.isDone() && !this.listening.isCompletedExceptionally() && !this.failedAfterStart;
	}

	static String describe(Throwable cause) {
		if (cause instanceof java.net.UnknownHostException) {
			return "unknown address " + cause.getMessage();
		}
		String message = cause.getMessage();
		return (message != null) ? message : cause.getClass().getSimpleName();
	}

}
