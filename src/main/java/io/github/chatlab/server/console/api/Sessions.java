package io.github.chatlab.server.console.api;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import io.github.chatlab.server.chat.Session;

/** A session's counters for the connection list (O3's {@code chat.Session} counters). */
final class Sessions {

	private Sessions() {
	}

	static @Nullable Instant since(Session session) {
		return session.loggedInAt();
	}

	static long linesIn(Session session) {
		return 0;
	}

	static long linesOut(Session session) {
		return 0;
	}

	static long errors(Session session) {
		return 0;
	}

}
