package io.github.chatlab.server.startup;

import sun.misc.Signal;

/**
 * R3 asks for exit status 0 on SIGTERM and Ctrl-C, where the JVM's default is 128 + the
 * signal number. Exiting through {@link System#exit} still runs Spring's shutdown hook,
 * which stops the listener and closes every connection.
 */
public final class ShutdownSignals {

	private ShutdownSignals() {
	}

	public static void exitCleanlyOnTermination() {
		for (String name : new String[] { "TERM", "INT" }) {
			try {
				Signal.handle(new Signal(name), signal -> new Thread(() -> System.exit(0), "chat-shutdown").start());
			}
			catch (IllegalArgumentException ex) {
				// the platform has no such signal, or the JVM reserves it (-Xrs): keep
				// the default
			}
		}
	}

}
