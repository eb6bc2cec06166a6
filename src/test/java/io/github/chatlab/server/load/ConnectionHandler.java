package io.github.chatlab.server.load;

/**
 * What a {@link Connection} reports to its owner. Every call arrives on the event-loop
 * thread, so owners need no locks.
 */
interface ConnectionHandler {

	/** The TCP handshake completed; lines may now be sent. */
	void onConnected(Connection connection);

	/** One whole line arrived, LF and a CR before it removed. */
	void onLine(Connection connection, String line);

	/**
	 * The connection is gone: the peer closed it ({@code cause} null), it failed, or the
	 * owner closed it ({@code cause} null, {@link Connection#closedByUs()} true).
	 */
	void onClosed(Connection connection, Throwable cause);

}
