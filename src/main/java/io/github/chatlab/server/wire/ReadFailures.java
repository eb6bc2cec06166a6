package io.github.chatlab.server.wire;

import java.io.EOFException;
import java.io.UncheckedIOException;
import java.net.SocketException;

import org.jspecify.annotations.Nullable;

import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

import io.github.chatlab.server.chat.CloseReason;

/** What a failed read of a connection means for its close reason (L7, R4). */
final class ReadFailures {

	private ReadFailures() {
	}

	/** The exception itself, unwrapped from the deserializer's wrapping. */
	static Throwable cause(Exception exception) {
		return (exception instanceof UncheckedIOException unchecked) ? unchecked.getCause() : exception;
	}

	/**
	 * The reason a read failure ends the connection, or null when it is not the client's
	 * doing but an error on this side.
	 */
	static @Nullable CloseReason reasonFor(Throwable cause) {
		if (cause instanceof SoftEndOfStreamException || cause instanceof EOFException) {
			return CloseReason.CLIENT_CLOSED;
		}
		return (cause instanceof SocketException) ? CloseReason.RESET : null;
	}

}
