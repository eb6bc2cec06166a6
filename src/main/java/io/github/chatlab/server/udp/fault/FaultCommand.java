package io.github.chatlab.server.udp.fault;

/**
 * A fault request as {@link FaultCommandParser} understood it (U5). A request it could
 * not accept is {@link Malformed}, answered {@code BAD-RQST-BODY}.
 */
public sealed interface FaultCommand {

	/** {@code SET <KEY> <value>}: a valid key with a value it accepts. */
	record Set(FaultKey key, FaultValue value) implements FaultCommand {

		public Set {
			if (!key.accepts(value)) {
				throw new IllegalArgumentException(key.wireName() + " does not accept " + value);
			}
		}

	}

	/** {@code GET <KEY>}. */
	record Get(FaultKey key) implements FaultCommand {
	}

	/** {@code RESET}: every setting back to 0. */
	record Reset() implements FaultCommand {
	}

	/**
	 * A {@code SET}, {@code GET} or {@code RESET} line whose body breaks U5; {@code why}
	 * is for logs and tests, never sent.
	 */
	record Malformed(String why) implements FaultCommand {
	}

}
