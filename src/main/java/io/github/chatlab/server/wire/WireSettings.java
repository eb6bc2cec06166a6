package io.github.chatlab.server.wire;

import java.time.Duration;

/**
 * What every connection needs to know about the wire, taken once from the configuration.
 *
 * @param maxLineBytes the longest line accepted (F5)
 * @param loginTimeout how long a connection may stay without logging in (L8)
 * @param writeTimeout how long a socket may accept nothing (S5, S7)
 * @param closeLinger how long to discard input of a client being closed (L5)
 */
public record WireSettings(int maxLineBytes, Duration loginTimeout, Duration writeTimeout, Duration closeLinger) {

	/** Bytes read from the socket per system call (F4). */
	static final int READ_BUFFER_BYTES = 8192;

}
