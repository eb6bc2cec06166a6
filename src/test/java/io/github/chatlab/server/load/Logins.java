package io.github.chatlab.server.load;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Logs a list of clients in, at most {@code concurrency} handshakes (connect +
 * HELLO-FROM) at a time, and completes when every one has either logged in or failed. The
 * scenario forwards its clients' login events here. Loop thread only, except the returned
 * future.
 */
final class Logins {

	private final EventLoop loop;

	private final InetSocketAddress target;

	private final SourceAddresses sources;

	private final List<ChatClient> clients;

	private final int concurrency;

	private final CompletableFuture<Outcome> done = new CompletableFuture<>();

	private int next;

	private int succeeded;

	private int failed;

	private long startNanos;

	Logins(EventLoop loop, InetSocketAddress target, SourceAddresses sources, List<ChatClient> clients,
			int concurrency) {
		this.loop = loop;
		this.target = target;
		this.sources = sources;
		this.clients = clients;
		this.concurrency = Math.max(1, concurrency);
	}

	/** Starts the first handshakes; the future completes on the loop thread. */
	CompletableFuture<Outcome> start() {
		this.startNanos = MessageBody.now();
		if (this.clients.isEmpty()) {
			finish();
		}
		for (int i = 0; i < this.concurrency && this.next < this.clients.size(); i++) {
			startNext();
		}
		return this.done;
	}

	void loggedIn(ChatClient client) {
		this.succeeded++;
		settled();
	}

	/**
	 * Deferred a turn: a refused connect fails inside {@code start}, and thousands must
	 * not recurse.
	 */
	void failed(ChatClient client) {
		this.failed++;
		this.loop.execute(this::settled);
	}

	/** Starts no more handshakes (the run is over). */
	void stop() {
		this.next = this.clients.size();
	}

	private void settled() {
		if (this.next < this.clients.size()) {
			startNext();
		}
		else if (this.succeeded + this.failed == this.clients.size()) {
			finish();
		}
	}

	private void startNext() {
		ChatClient client = this.clients.get(this.next++);
		client.start(this.loop, this.target, this.sources.next());
	}

	private void finish() {
		this.done.complete(new Outcome(this.succeeded, this.failed, MessageBody.now() - this.startNanos));
	}

	/** How the logins went. */
	record Outcome(int succeeded, int failed, long nanos) {

		double perSecond() {
			return this.nanos > 0 ? this.succeeded * 1e9 / this.nanos : 0;
		}

	}

}
