package io.github.chatlab.server.load;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What every workload needs: the event loop its clients live on, the server's address,
 * the source addresses to spread sockets over, the run's options, how many users it logs
 * in at once (what the server must admit), the server process if the tool started it
 * (else null), and a fresh user-name prefix per run (so a run never collides with users
 * of an earlier run that the server has not removed yet).
 */
record RunContext(EventLoop loop, InetSocketAddress target, SourceAddresses sources, LoadOptions options, int users,
		ServerProcess server) implements AutoCloseable {

	private static final String TOKEN = Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36), 36);

	private static final AtomicInteger RUNS = new AtomicInteger();

	RunContext {
		if (!target.getAddress().isLoopbackAddress()) {
			throw new IllegalArgumentException("the load tool only talks to loopback (127.0.0.0/8), not " + target);
		}
	}

	static RunContext open(InetSocketAddress target, LoadOptions options, int users, ServerProcess server) {
		// 127.0.0.x source addresses only make sense towards an IPv4 target
		int sources = (target.getAddress() instanceof Inet4Address) ? options.get(Option.SOURCES) : 0;
		return new RunContext(new EventLoop("load-loop"), target, new SourceAddresses(sources), options, users, server);
	}

	/** A user-name prefix no other run of this process uses, e.g. {@code k3r7}. */
	static String newPrefix() {
		return TOKEN + "r" + RUNS.incrementAndGet();
	}

	@Override
	public void close() {
		this.loop.close();
	}

}
