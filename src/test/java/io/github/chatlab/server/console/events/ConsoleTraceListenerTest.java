package io.github.chatlab.server.console.events;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * O3 and O9 on the hot path: the console's listener asks for trace entries only while an
 * event stream is open, so a console nobody watches renders no line.
 */
class ConsoleTraceListenerTest {

	@Test
	void o3_theConsoleHearsLinesOnlyWhileAStreamIsOpen() {
		ConsoleEvents events = new ConsoleEvents(4, 16);
		ConsoleTraceListener listener = new ConsoleTraceListener(events);
		assertThat(listener.hearsEntries()).as("no stream open").isFalse();

		events.subscribe();
		assertThat(listener.hearsEntries()).as("one stream open").isTrue();

		events.stop();
		assertThat(listener.hearsEntries()).as("every stream ended").isFalse();
	}

}
