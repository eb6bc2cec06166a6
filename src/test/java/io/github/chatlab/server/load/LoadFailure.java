package io.github.chatlab.server.load;

/**
 * A run cannot go on, or its result must not count, for a reason the user can act on: the
 * server refused logins with {@code BUSY}, the jar is missing, a message was lost.
 * {@link LoadTool#main} prints its message as one line and exits with status 1, without a
 * stack trace.
 */
final class LoadFailure extends RuntimeException {

	LoadFailure(String message) {
		super(message);
	}

}
