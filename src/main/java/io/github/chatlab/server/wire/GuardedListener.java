package io.github.chatlab.server.wire;

import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import org.springframework.integration.ip.tcp.connection.TcpListener;
import org.springframework.messaging.Message;

/**
 * Stands between a connection's read loop and the flow. Spring Integration's read loop
 * catches exceptions from the flow and reads on, and lets errors end the thread: either
 * way, here, a failure ends the connection and frees its name (S8, L7). It also takes
 * each line from the client's budget first (L11).
 */
final class GuardedListener implements TcpListener {

	private final TcpListener flow;

	private final @Nullable LineBudget budget;

	private final Runnable beforeWaiting;

	private final Consumer<Throwable> onFailure;

	GuardedListener(TcpListener flow, @Nullable LineBudget budget, Runnable beforeWaiting,
			Consumer<Throwable> onFailure) {
		this.flow = flow;
		this.budget = budget;
		this.beforeWaiting = beforeWaiting;
		this.onFailure = onFailure;
	}

	@Override
	public void onMessage(Message<?> message) {
		try {
			if (this.budget != null) {
				this.budget.take(this.beforeWaiting);
			}
			this.flow.onMessage(message);
		}
		catch (Throwable ex) {
			this.onFailure.accept(ex);
		}
	}

}
